// Types of key-sql.mjs, for the Worker's tests that run its statements.
export function quote(value: string | number): string;
export function createKeySql(input: {
  tenantId: string;
  tenantName?: string;
  keyId: string;
  keyHash: string;
  keyPrefix: string;
  name?: string;
  now: number;
  expiresAt?: number | null;
}): string;
export function revokeKeySql(input: { keyId?: string; tenantId?: string; now: number }): string;
export function expireKeySql(input: { keyId: string; expiresAt: number | null }): string;
export function rotateKeySql(input: { oldKeyId: string; newKeyId: string; keyHash: string; keyPrefix: string; now: number; graceUntil: number }): string;
export const countSql: {
  key(keyId: string): string;
  revokedAt(input: { keyId?: string; tenantId?: string; now: number }): string;
  liveKey(keyId: string): string;
  tenant(tenantId: string): string;
};
export function listKeysSql(input: { tenantId: string }): string;
export function audioHostsSql(input: { tenantId: string; hosts: string[] | null }): string;
