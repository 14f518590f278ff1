// The workspace config, plus this app's generated output (the dry-run bundle) to ignore.
import root from "../../eslint.config.js";

export default [...root, { ignores: ["dist-worker/**"] }];
