#!/usr/bin/env node
// Entry point of the `soap-notes` executable: run, then let Node exit with the code main() returns.
import { main } from "./index.js";

process.exitCode = await main(process.argv);
