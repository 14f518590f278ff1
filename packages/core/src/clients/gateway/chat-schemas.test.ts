import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../errors/response-validation-error.js";
import { json, sequence } from "../../internal/test-support/fake-fetch.js";
import { chatMessageSchema } from "./chat-schemas.js";
import { GatewayClient } from "./gateway-client.js";

/** Chat messages as llm-gateway.yml's `Message`: the role decides the shape. */
describe("chatMessageSchema", () => {
  it.each([
    ["a user message with string content", { role: "user", content: "Hello" }],
    ["a system message with a name", { role: "system", content: "Be brief.", name: "rules" }],
    ["an assistant message with text parts", { role: "assistant", content: [{ type: "text", text: "Hi" }] }],
    ["a tool result with its tool_call_id", { role: "tool", content: "42", tool_call_id: "call-1" }],
  ])("accepts %s", (_, message) => {
    expect(chatMessageSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    ["a tool message without tool_call_id (the gateway refuses it)", { role: "tool", content: "42" }],
    ["a tool message with content parts (ToolMessage content is a string)", { role: "tool", content: [{ type: "text", text: "42" }], tool_call_id: "c" }],
    ["an unknown role", { role: "developer", content: "x" }],
    ["a content part that is not text", { role: "user", content: [{ type: "image_url", text: "x" }] }],
  ])("refuses %s", (_, message) => {
    expect(chatMessageSchema.safeParse(message).success).toBe(false);
  });

  it("makes GatewayClient.chat refuse a tool message without tool_call_id before sending", async () => {
    const f = sequence(json({ choices: [{ message: { role: "assistant", content: "x" } }] }));
    const gateway = new GatewayClient({ apiKey: "gw-key-abcdef123456", fetch: f.fetch, checkModels: false });
    const messages = [{ role: "user", content: "What is 6 x 7?" }, { role: "tool", content: "42" }] as unknown as Parameters<GatewayClient["chat"]>[0]["messages"];
    await expect(gateway.chat({ model: "claude-sonnet-4-5-20250929", messages })).rejects.toBeInstanceOf(RequestValidationError);
    expect(f.calls).toHaveLength(0);
  });
});
