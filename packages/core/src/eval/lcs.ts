/** Length of the longest common subsequence of `a` and `b`, in O(|a|·|b|) time and O(|b|) memory. */
export function lcsLength(a: Int32Array, b: Int32Array): number {
  const cols = b.length;
  if (a.length === 0 || cols === 0) return 0;
  let prev = new Int32Array(cols + 1);
  let row = new Int32Array(cols + 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    let left = 0;
    let diag = 0;
    for (let j = 1; j <= cols; j++) {
      const up = prev[j] as number;
      const v = ai === b[j - 1] ? diag + 1 : up > left ? up : left;
      row[j] = v;
      diag = up;
      left = v;
    }
    [prev, row] = [row, prev];
  }
  return prev[cols] as number;
}

/** A growable table reused across calls, so summary-level LCS over many short sentences allocates once. */
export class LcsScratch {
  private table = new Int32Array(1024);

  /** A zero-filled table of at least `size` cells. */
  take(size: number): Int32Array {
    if (this.table.length < size) this.table = new Int32Array(Math.max(size, this.table.length * 2));
    return this.table;
  }
}

/**
 * Marks in `marks` (one flag per token of `ref`) the tokens of one longest common subsequence of
 * `ref` and `cand`, chosen exactly as `rouge-score` backtracks its table (from the end: take a
 * match, else step along the candidate when that cell is strictly larger, else along the
 * reference). The choice matters to ROUGE-Lsum, whose union of per-sentence LCSs depends on which
 * of several equal-length LCSs is taken. Marks already set stay set: calling it for every candidate
 * sentence leaves the union.
 */
export function markLcs(ref: Int32Array, cand: Int32Array, marks: Uint8Array, scratch: LcsScratch): void {
  const rows = ref.length;
  const cols = cand.length;
  if (rows === 0 || cols === 0) return;
  const width = cols + 1;
  const table = scratch.take((rows + 1) * width);
  // Row 0 and column 0 are the empty prefixes; every other cell is written before it is read.
  table.fill(0, 0, width);
  for (let i = 1; i <= rows; i++) {
    const ri = ref[i - 1] as number;
    const at = i * width;
    const above = at - width;
    table[at] = 0;
    for (let j = 1; j <= cols; j++) {
      const up = table[above + j] as number;
      const left = table[at + j - 1] as number;
      table[at + j] = ri === cand[j - 1] ? (table[above + j - 1] as number) + 1 : up > left ? up : left;
    }
  }
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === cand[j - 1]) {
      marks[i - 1] = 1;
      i--;
      j--;
    } else if ((table[i * width + j - 1] as number) > (table[(i - 1) * width + j] as number)) {
      j--;
    } else {
      i--;
    }
  }
}
