/**
 * The sign-in page's notice after an account was deleted (`/login?notice=deleted`): a chunk of
 * its own with the account strings, loaded only then.
 */
import { ta } from "./account-i18n";

export default function DeletedNotice() {
  return (
    <p class="notice notice--success" role="status">
      {ta("data.deletedNotice")}
    </p>
  );
}
