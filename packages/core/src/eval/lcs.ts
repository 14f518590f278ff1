/** Length of the longest common subsequence of `a` and `b`, in O(|a|·|b|) time and O(|b|) memory. */
export function lcsLength(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1] as number;
    for (let j = 1; j <= b.length; j++) {
      row[j] = ai === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length] as number;
}

/**
 * Indices in `ref` of one longest common subsequence of `ref` and `cand`, chosen exactly as
 * `rouge-score` backtracks its table (from the end: take a match, else step along the candidate
 * when that cell is strictly larger, else along the reference). The choice matters to ROUGE-Lsum,
 * whose union of per-sentence LCSs depends on which of several equal-length LCSs is taken.
 */
export function lcsIndices(ref: Int32Array, cand: Int32Array): number[] {
  const rows = ref.length;
  const cols = cand.length;
  if (rows === 0 || cols === 0) return [];
  const width = cols + 1;
  const table = new Int32Array((rows + 1) * width);
  for (let i = 1; i <= rows; i++) {
    const ri = ref[i - 1] as number;
    for (let j = 1; j <= cols; j++) {
      table[i * width + j] =
        ri === cand[j - 1] ? (table[(i - 1) * width + j - 1] as number) + 1 : Math.max(table[(i - 1) * width + j] as number, table[i * width + j - 1] as number);
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === cand[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if ((table[i * width + j - 1] as number) > (table[(i - 1) * width + j] as number)) {
      j--;
    } else {
      i--;
    }
  }
  return out.reverse();
}
