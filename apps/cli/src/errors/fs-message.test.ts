import { describe, expect, it } from "vitest";
import { describeFsProblem, describeNodeFsError, FileSystemError, isKnownFsCode } from "./fs-message.js";

describe("describeFsProblem", () => {
  it.each([
    ["ENOENT", "cannot write /o/n.md: the folder /o does not exist (create it first)"],
    ["ENOTDIR", "cannot write /o/n.md: a part of /o is a file, not a folder"],
    ["EACCES", "cannot write /o/n.md: permission denied (EACCES); choose a folder you can write to"],
    ["EROFS", "cannot write /o/n.md: the file system is read-only (EROFS); choose a folder on a writable disk"],
    ["ENOSPC", "cannot write /o/n.md: no space left on the device (ENOSPC); free some space or choose another disk"],
    ["ELOOP", "cannot write /o/n.md: too many symbolic links (ELOOP): a link on the way points back to itself; fix or remove the link"],
    ["ENAMETOOLONG", "cannot write /o/n.md: the path is too long (ENAMETOOLONG); choose a shorter name or folder"],
    ["EEXIST", "cannot write /o/n.md: a file is in the way (it exists and is not a folder); move it or choose another path"],
    ["EMFILE", "cannot write /o/n.md: too many open files (EMFILE); lower --concurrency or raise the limit (ulimit -n)"],
  ])("explains %s with the path and the fix", (code, line) => {
    expect(describeFsProblem("/o/n.md", code)).toBe(line);
    expect(isKnownFsCode(code)).toBe(true);
  });

  it("speaks of reading for inputs, and still names an unknown code", () => {
    expect(describeFsProblem("/in/m.csv", "EACCES", "read")).toBe("cannot read /in/m.csv: permission denied (EACCES); check its permissions");
    expect(describeFsProblem("/in/m.csv", "EWEIRD", "read")).toBe("cannot read /in/m.csv: the file system refused (EWEIRD)");
    expect(isKnownFsCode("EWEIRD")).toBe(false);
  });
});

describe("describeNodeFsError", () => {
  it("turns Node's raw errors into a sentence by their syscall, and ignores anything else", () => {
    const raw = Object.assign(new Error("EACCES: permission denied, scandir '/in'"), { code: "EACCES", syscall: "scandir", path: "/in" });
    expect(describeNodeFsError(raw)).toBe("cannot list the folder /in: permission denied (EACCES); check its permissions");
    const rename = Object.assign(new Error("x"), { code: "EXDEV", syscall: "rename", path: "/a", dest: "/b" });
    expect(describeNodeFsError(rename)).toBe("cannot rename /a to /b: it is on another device (EXDEV); keep the folder on one disk");
    expect(describeNodeFsError(new TypeError("x"))).toBeUndefined();
  });
});

describe("FileSystemError", () => {
  it("names the target the user gave, keeps the code, and the original error as its cause", () => {
    const cause = Object.assign(new Error("ENOTDIR: not a directory, open '/o/x/.n.md.tmp-1-ab'"), { code: "ENOTDIR" });
    const err = new FileSystemError("/o/x/n.md", "write", cause);
    expect(err.message).toBe("cannot write /o/x/n.md: a part of /o/x is a file, not a folder");
    expect(err.message).not.toContain(".tmp-");
    expect([err.code, err.path, err.cause]).toEqual(["ENOTDIR", "/o/x/n.md", cause]);
  });
});
