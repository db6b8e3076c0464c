/**
 * Bindings of the Worker, as declared in wrangler.toml. A module (not a .d.ts) so the
 * declaration travels with the worker project's output to the tests and web projects.
 */
declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      /** Evidence photos, keyed `org/<organisation id>/evidence/<sha256>`. */
      EVIDENCE: R2Bucket;
      /** Ed25519 private JWK that signs report receipts (a secret: `.dev.vars` locally). */
      RECEIPT_SIGNING_KEY?: string;
    }
  }
}

export {};
