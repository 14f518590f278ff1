import type { FhirReference } from "@org/soap-core/export";
import type { Reviewer } from "./review-link.js";

/** A note's recorded review. */
export interface NoteReview {
  reviewer: Reviewer;
  /** Epoch ms. */
  reviewedAt: number;
}

/** Reviews of one tenant's notes (`note_reviews`, migration 0004): every statement filters on the tenant. */
export function reviewsRepo(db: D1Database, tenantId: string) {
  return {
    async get(noteId: string): Promise<NoteReview | null> {
      const row = await db
        .prepare(`SELECT reviewer_id, reviewer_display, reviewed_at FROM note_reviews WHERE job_id = ?1 AND tenant_id = ?2`)
        .bind(noteId, tenantId)
        .first<{ reviewer_id: string; reviewer_display: string; reviewed_at: number }>();
      return row ? { reviewer: { id: row.reviewer_id, display: row.reviewer_display }, reviewedAt: row.reviewed_at } : null;
    },

    /** The statement that records (or replaces) a note's review; run it in one batch with its audit record. */
    upsertStatement(noteId: string, review: NoteReview, keyId: string): D1PreparedStatement {
      return db
        .prepare(
          `INSERT INTO note_reviews (job_id, tenant_id, reviewer_id, reviewer_display, reviewed_at, key_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
           ON CONFLICT (job_id) DO UPDATE SET reviewer_id = ?3, reviewer_display = ?4, reviewed_at = ?5, key_id = ?6`,
        )
        .bind(noteId, tenantId, review.reviewer.id, review.reviewer.display, review.reviewedAt, keyId);
    },
  };
}

/** A review as `toFhirBundle`'s `reviewedBy`: a `Type/id` reviewer id is a reference, any other an identifier. */
export function reviewerAttester(review: NoteReview): { party: FhirReference; time: string } {
  const { id, display } = review.reviewer;
  const party: FhirReference = /^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64}$/.test(id) ? { reference: id, display } : { identifier: { value: id }, display };
  return { party, time: new Date(review.reviewedAt).toISOString() };
}
