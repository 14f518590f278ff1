import { randomBytes } from "node:crypto";
import { open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** 1 GiB. */
export const GIB = 1024 * 1024 * 1024;

/**
 * Writes a file of `size` bytes of random data (one random 4 MiB block repeated, so writing is
 * fast) in os.tmpdir(), runs `fn` with its path and deletes it afterwards, even on failure.
 */
export async function withBigFile<T>(size: number, fn: (path: string) => Promise<T>): Promise<T> {
  const path = join(tmpdir(), `soap-bench-${process.pid}-${Date.now()}.bin`);
  const block = randomBytes(4 * 1024 * 1024);
  const fh = await open(path, "w");
  try {
    try {
      for (let written = 0; written < size; ) {
        const n = Math.min(block.length, size - written);
        await fh.write(block, 0, n);
        written += n;
      }
    } finally {
      await fh.close();
    }
    return await fn(path);
  } finally {
    await rm(path, { force: true });
  }
}
