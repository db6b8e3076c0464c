/** A small square button with an icon and a label for screen readers (and a tooltip). */
import { Match, Switch } from "solid-js";

export type ToolIcon = "up" | "down" | "trash";

interface ToolButtonProps {
  icon: ToolIcon;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  id?: string;
}

export function ToolButton(props: ToolButtonProps) {
  return (
    <button
      type="button"
      class="tool"
      classList={{ "tool--danger": props.icon === "trash" }}
      id={props.id}
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={() => props.onClick()}
    >
      <svg class="tool__icon" viewBox="0 0 24 24" aria-hidden="true">
        <Switch>
          <Match when={props.icon === "up"}>
            <path d="M12 19V5M5.5 11.5 12 5l6.5 6.5" />
          </Match>
          <Match when={props.icon === "down"}>
            <path d="M12 5v14M5.5 12.5 12 19l6.5-6.5" />
          </Match>
          <Match when={props.icon === "trash"}>
            <path d="M4.5 7h15M9.5 7V4.5h5V7M6.5 7l1 12.5h9l1-12.5M10 11v5.5M14 11v5.5" />
          </Match>
        </Switch>
      </svg>
    </button>
  );
}
