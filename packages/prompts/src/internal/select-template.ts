import { type SoapConfig, type SoapExperiment, configError, variantName } from "./config.js";
import { getTemplate } from "./registry.js";
import { templateRef } from "./template-ref.js";
import { unitInterval } from "./stable-hash.js";
import type { SoapTemplate } from "./types.js";

/** The template chosen for one key, with what a note records as provenance. */
export interface TemplateSelection {
  template: SoapTemplate;
  /** `id@version` of the template. */
  ref: string;
  /** The experiment that assigned it; absent when the config's default template was used. */
  experiment?: string;
  /** The variant (its `name`, or its template spec) within that experiment. */
  variant?: string;
}

/** Options of {@link selectTemplate}. */
export interface SelectTemplateOptions {
  /** Use this experiment. Default: the first enabled experiment in the config. */
  experiment?: string;
}

/** A selection key: the id itself, or ids by kind so each experiment picks its `assignBy` one. */
export type SelectionKey = string | Partial<Record<SoapExperiment["assignBy"], string>>;

/**
 * Picks the variant of an experiment for a key by weighted rendezvous hashing: each variant gets a
 * score `-ln(u) / weight` where `u` in (0, 1) is a hash of salt, variant name and key, and the lowest
 * score wins. A variant wins with probability weight / total; raising one variant's weight lowers only
 * its own scores, so keys only move to it; the order of variants does not matter.
 */
export function pickVariant(experiment: Pick<SoapExperiment, "salt" | "variants">, key: string): number {
  let best = -1;
  let bestScore = Infinity;
  experiment.variants.forEach((v, i) => {
    if (!(v.weight > 0)) return;
    const u = unitInterval(`${experiment.salt}\u0000${variantName(v)}\u0000${key}`);
    const score = -Math.log(u) / v.weight;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

function fallback(config: SoapConfig): TemplateSelection {
  const template = getTemplate(config.template);
  return { template, ref: templateRef(template) };
}

/**
 * Chooses the template for a visit: pure and deterministic, the same key always gets the same variant.
 * Without an enabled experiment, or when `key` is an object lacking the experiment's `assignBy` id,
 * the config's default `template` is used and no experiment is reported.
 * @param config a validated config ({@link parseSoapConfig}).
 * @param key the visit, transcript or patient id named by the experiment's `assignBy`.
 * @throws {ConfigError} when `options.experiment` names no experiment of the config.
 * @example
 * const { template, ref, experiment, variant } = selectTemplate(config, visitId);
 */
export function selectTemplate(config: SoapConfig, key: SelectionKey, options: SelectTemplateOptions = {}): TemplateSelection {
  let experiment: SoapExperiment | undefined;
  if (options.experiment !== undefined) {
    experiment = config.experiments.find((e) => e.name === options.experiment);
    if (!experiment) throw configError(["experiments"], `no experiment named "${options.experiment}"`);
  } else {
    experiment = config.experiments.find((e) => e.enabled !== false);
  }
  if (!experiment || experiment.enabled === false) return fallback(config);

  const id = typeof key === "string" ? key : key[experiment.assignBy];
  if (id === undefined) return fallback(config);
  const index = pickVariant(experiment, id);
  const variant = experiment.variants[index];
  if (!variant) return fallback(config); // only reachable with an unvalidated config (no positive weight)
  const template = getTemplate(variant.template);
  return { template, ref: templateRef(template), experiment: experiment.name, variant: variantName(variant) };
}
