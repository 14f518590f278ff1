import { z } from "zod";

/** Name of the queue that carries tenant webhook deliveries (wrangler.jsonc). */
export const WEBHOOK_DELIVERIES_QUEUE = "soap-webhook-deliveries";

/** Whether a batch comes from the tenant webhook deliveries queue (recognised by its name, like the DLQ). */
export function isWebhookDeliveryQueue(queueName: string): boolean {
  return queueName === WEBHOOK_DELIVERIES_QUEUE || queueName.startsWith(`${WEBHOOK_DELIVERIES_QUEUE}-`);
}

/** zod schema of a delivery message (validated on the consumer side: it is outside input). */
export const deliveryMessageSchema = z.object({
  deliveryId: z.string().min(1).max(100),
  tenantId: z.string().min(1).max(100),
});

/** The body of a message on the WEBHOOK_DELIVERIES queue: ids only. */
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;
