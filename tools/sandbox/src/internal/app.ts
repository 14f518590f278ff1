import { Hono } from "hono";
import type { Engine } from "./engine.js";
import { familyError, v2Error } from "./http-errors.js";
import { route, type SandboxEnv } from "./middleware.js";
import { seededRandom } from "./random.js";
import { sandboxHeader } from "./sandbox-header.js";
import { adminRoutes } from "./routes/admin.js";
import { chatHandler } from "./routes/gateway-chat.js";
import { modelsHandler } from "./routes/gateway-models.js";
import { understandingHandler } from "./routes/gateway-understanding.js";
import { uploadHandler } from "./routes/v2-upload.js";
import {
  createTranscriptHandler,
  deleteHandler,
  getHandler,
  listHandler,
  paragraphsHandler,
  redactedAudioHandler,
  sentencesHandler,
  subtitlesHandler,
  wordSearchHandler,
} from "./routes/v2-transcripts.js";

/** Builds the Hono app over an engine. Portable: no Node built-ins. */
export function buildApp(engine: Engine): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const jitter = seededRandom(engine.options.seed + 1);
  const v2 = (name: Parameters<typeof route>[2]) => route(engine, jitter, name, "v2", true);
  const gw = (name: Parameters<typeof route>[2], auth = true) => route(engine, jitter, name, "gateway", auth);

  app.use("*", sandboxHeader());

  app.post("/v2/upload", v2("upload"), uploadHandler(engine));
  app.post("/v2/transcript", v2("create"), createTranscriptHandler(engine, engine.options.speechModels));
  app.get("/v2/transcript", v2("list"), listHandler(engine));
  app.get("/v2/transcript/:id", v2("get"), getHandler(engine));
  app.delete("/v2/transcript/:id", v2("delete"), deleteHandler(engine));
  app.get("/v2/transcript/:id/sentences", v2("sentences"), sentencesHandler(engine));
  app.get("/v2/transcript/:id/paragraphs", v2("paragraphs"), paragraphsHandler(engine));
  app.get("/v2/transcript/:id/redacted-audio", v2("redacted_audio"), redactedAudioHandler(engine));
  app.get("/v2/transcript/:id/word-search", v2("word_search"), wordSearchHandler(engine));
  app.get("/v2/transcript/:id/srt", v2("subtitles"), subtitlesHandler(engine, "srt"));
  app.get("/v2/transcript/:id/vtt", v2("subtitles"), subtitlesHandler(engine, "vtt"));

  app.post("/v1/chat/completions", gw("chat"), chatHandler(engine));
  app.get("/v1/models", gw("models", false), modelsHandler(engine));
  app.post("/v1/understanding", gw("understanding"), understandingHandler(engine));

  if (engine.options.admin) app.route("/__sandbox", adminRoutes(engine));

  app.notFound((c) => (new URL(c.req.url).pathname.startsWith("/v1/") ? familyError("gateway", c, 404, "Not found") : v2Error(c, 404, "Not found")));
  app.onError((_err, c) =>
    new URL(c.req.url).pathname.startsWith("/v1/") ? familyError("gateway", c, 500, "Internal Server Error") : v2Error(c, 500, "Internal Server Error"),
  );
  return app;
}
