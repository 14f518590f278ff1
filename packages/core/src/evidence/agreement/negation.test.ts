import { describe, expect, it } from "vitest";
import { negationDisagreements, termPolarity } from "./negation.js";
import { tokenize } from "./tokens.js";

const polarity = (text: string) => Object.fromEntries([...termPolarity(tokenize(text))].map(([k, v]) => [k, [v.affirmed, v.negated]]));
const disagree = (a: string, b: string) => negationDisagreements(termPolarity(tokenize(a)), termPolarity(tokenize(b))).map((d) => `${d.statement} ${d.term}`);

describe("termPolarity", () => {
  it("negates findings after a cue, through a list, until 'but' or a new clause", () => {
    expect(polarity("Denies fevers, chills, or nausea but reports cough.")).toEqual({ fever: [0, 1], chill: [0, 1], nausea: [0, 1], cough: [1, 0] });
    expect(polarity("i do n't smoke , i drink alcohol")).toEqual({ smok: [0, 1], drink: [1, 0], alcohol: [1, 0] });
    expect(polarity("negative for swelling")).toEqual({ swell: [0, 1] });
  });

  it("skips questions, with or without a question mark", () => {
    expect(polarity("any fever ?")).toEqual({});
    expect(polarity("any other symptoms like a cough or shortness of breath")).toEqual({});
    expect(polarity("do you have any swelling")).toEqual({});
  });

  it("treats pseudo-negations and a bare answer 'no' as no negation", () => {
    expect(polarity("not sure if the pain is worse")).toEqual({ pain: [1, 0] });
    expect(polarity("no , the swelling is better")).toEqual({ swell: [1, 0] });
    expect(polarity("no change in the pain")).toEqual({ pain: [1, 0] });
  });

  it("compares only symptoms, signs and habits", () => {
    expect(polarity("no tenderness over the proximal phalanx")).toEqual({ tenderness: [0, 1] });
  });
});

describe("negationDisagreements", () => {
  it("flags a statement that denies what the quote asserts", () => {
    expect(disagree("Denies chest pain.", "i have chest pain")).toEqual(["denies pain"]);
    expect(disagree("No fever.", "i had a fever last night")).toEqual(["denies fever"]);
  });

  it("flags a statement that asserts what the quote denies", () => {
    expect(disagree("Reports chest pain.", "i do n't have any chest pain")).toEqual(["asserts pain"]);
    expect(disagree("He smokes.", "i never smoked")).toEqual(["asserts smok"]);
  });

  it("accepts agreement, mixed use and findings the quote does not mention", () => {
    expect(disagree("Denies chest pain.", "no chest pain")).toEqual([]);
    expect(disagree("Reports knee pain.", "my knee hurts , it's painful")).toEqual([]);
    expect(disagree("No tenderness medially.", "no tenderness medially but some tenderness laterally")).toEqual([]);
    expect(disagree("Denies fever.", "my knee hurts")).toEqual([]);
  });
});
