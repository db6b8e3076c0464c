/**
 * The account pages' preloads (main.tsx): their strings, and an invitation with its link's token.
 */
import type { PagePreload } from "../../lib/route-preload";
import { getInvitation } from "../organisation/queries";

const strings = () => import("./account-i18n");

export const invite: PagePreload = { strings, data: ({ params }) => getInvitation(params.token ?? "") };

export const account: PagePreload = { strings };
