/**
 * The reliability pages' one chunk, for the one route of both: `/me/reliability` is a shopper's
 * own page, `/shoppers/reliability` head office's table.
 */
import { useLocation } from "@solidjs/router";
import { Show } from "solid-js";
import MyReliabilityPage from "./my-reliability";
import ReliabilityPage from "./reliability";

export default function ReliabilityPages() {
  const location = useLocation();
  return (
    <Show when={location.pathname.startsWith("/me/")} fallback={<ReliabilityPage />}>
      <MyReliabilityPage />
    </Show>
  );
}
