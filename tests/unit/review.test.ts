/**
 * A model test of the review state machine: random sequences of actions by random actors,
 * applied only when `reviewTransition` allows them, must keep the model's invariants.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../schema/enums";
import {
  counts,
  REVIEW_ACTIONS,
  REVIEWER_ROLES,
  type ReviewActor,
  type ReviewState,
  reviewTransition,
} from "../../worker/domain/review";

const SHOPPER = "shopper-1";
/** A small cast so collisions (same reviewer twice, the owner shopper) happen often. */
const actors = fc.oneof(
  fc.constant<ReviewActor>({ userId: SHOPPER, role: "shopper" }),
  fc.constant<ReviewActor>({ userId: "shopper-2", role: "shopper" }),
  fc.constantFrom<ReviewActor>(
    { userId: "reviewer-1", role: "reviewer" },
    { userId: "reviewer-2", role: "reviewer" },
    { userId: "admin-1", role: "admin" },
  ),
  fc.constantFrom(...ROLES).map((role: Role): ReviewActor => ({ userId: `other-${role}`, role })),
);
const steps = fc.array(fc.tuple(fc.constantFrom(...REVIEW_ACTIONS), actors), { maxLength: 60 });
const start = fc.constantFrom<ReviewState["status"]>("waiting", "published");

describe("reviewTransition (model)", () => {
  it("keeps every invariant over random action sequences", () => {
    fc.assert(
      fc.property(start, steps, (status, sequence) => {
        let state: ReviewState = { status, claimedBy: null, shopperId: SHOPPER };
        // The report's count in the roll-ups, moved only by what the machine reports.
        let inRollups = counts(state.status) ? 1 : 0;
        for (const [action, actor] of sequence) {
          const before = state;
          const t = reviewTransition(state, action, actor);
          if (!t.ok) {
            // Refusals are explained: a role that may never act is `forbidden`.
            if (action === "reply" && (actor.role !== "shopper" || actor.userId !== SHOPPER))
              expect(t.refusal).toBe("forbidden");
            if (action === "reopen" && actor.role !== "admin") expect(t.refusal).toBe("forbidden");
            continue;
          }
          state = t.next;
          expect(t.counted).toEqual({ before: counts(before.status), after: counts(state.status) });
          if (t.counted.before !== t.counted.after) inRollups += t.counted.after ? 1 : -1;
          // Counted iff published, never twice.
          expect(inRollups).toBe(state.status === "published" ? 1 : 0);
          // A claim exactly when claimed, and always held by a reviewer or an admin.
          expect(state.claimedBy !== null).toBe(state.status === "claimed");
          if (state.claimedBy !== null) expect(REVIEWER_ROLES).toContain(actor.role);
          // Only the claimer acts on a claimed report (an admin may take it over with `claim`).
          if (before.status === "claimed" && action !== "claim") expect(actor.userId).toBe(before.claimedBy);
          if (before.status === "claimed" && action === "claim" && before.claimedBy !== actor.userId) {
            expect(actor.role).toBe("admin");
            expect(t.takeover).toBe(true);
          } else {
            expect(t.takeover).toBe(false);
          }
          // Replies: only the owner shopper, only from returned, back to waiting.
          if (action === "reply") {
            expect(actor).toEqual({ userId: SHOPPER, role: "shopper" });
            expect([before.status, state.status]).toEqual(["returned", "waiting"]);
          }
          // Shoppers never move a report otherwise; only admins reopen, from published.
          if (actor.role === "shopper") expect(action).toBe("reply");
          if (action === "reopen") expect([actor.role, before.status]).toEqual(["admin", "published"]);
          // Publishing, rejecting and returning start from a claim.
          if (action === "publish" || action === "reject" || action === "return") expect(before.status).toBe("claimed");
          // Published and rejected are left only by reopen (rejected: never).
          if (before.status === "rejected") expect.unreachable("a rejected report moved");
          if (before.status === "published") expect(action).toBe("reopen");
          expect(state.shopperId).toBe(SHOPPER);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a second reviewer while one holds the report", () => {
    const held: ReviewState = { status: "claimed", claimedBy: "reviewer-1", shopperId: SHOPPER };
    expect(reviewTransition(held, "claim", { userId: "reviewer-2", role: "reviewer" })).toEqual({
      ok: false,
      refusal: "already_claimed",
    });
    expect(reviewTransition(held, "publish", { userId: "reviewer-2", role: "reviewer" })).toEqual({
      ok: false,
      refusal: "claim_required",
    });
    expect(reviewTransition(held, "reply", { userId: SHOPPER, role: "shopper" })).toEqual({
      ok: false,
      refusal: "invalid_state",
    });
  });
});
