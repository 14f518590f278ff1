/**
 * The failure reason of a job whose transcript may exist at AssemblyAI although we never learned its
 * id: says why, that its webhook resumes the job, and how to find it.
 */
export function createUncertainReason(jobId: string, why: string): string {
  return (
    `Creating the transcript at AssemblyAI may have succeeded (${why}); it was not sent again so that it is not ` +
    `created (and billed) twice. If it was created, its webhook resumes this note by itself; if not, the API finds that out and sends it again. To find it: list ` +
    `transcripts (GET /v2/transcript, newest first) and look for the one whose webhook_url ends in "?job=${jobId}".`
  );
}
