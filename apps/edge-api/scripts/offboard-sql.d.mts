/** Tenant ids the offboarding script accepts. */
export declare const TENANT_ID: RegExp;
/** The statements that request the offboarding of `tenantId` at `now` (epoch ms). */
export declare function offboardRequestStatements(tenantId: string, now: number): string[];
/** A query showing how far the offboarding of `tenantId` got. */
export declare function offboardStatusQuery(tenantId: string): string;
