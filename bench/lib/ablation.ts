/**
 * The ablation: what each build choice that separates `arm-min` from `standard` buys on its own. Every variant is
 * derived from the two profiles of build-profiles.json (never a third copy of their options): a choice applied
 * alone to `standard` takes arm-min's values for that choice's settings; removed alone from `arm-min`, it takes
 * standard's. The architecture is not a choice here: this machine has one CPU, so it is measured on AWS only.
 */
import type { BuildProfile, SamBuildProperties } from '../../scripts/build/profiles';

export interface BuildChoice {
  /** Short name used in variant names and tables. */
  name: string;
  description: string;
  /** The BuildProperties this choice sets. */
  properties: string[];
  /** Whether it includes the profile's NODE_OPTIONS (where --enable-source-maps lives). */
  nodeOptions: boolean;
}

/** The choices, each named by the settings it covers; `uncoveredDifferences` proves the list is complete. */
export const BUILD_CHOICES: BuildChoice[] = [
  { name: 'target', description: 'syntax target (node20 → node24: nothing down-levelled)', properties: ['Target'], nodeOptions: false },
  { name: 'minify', description: 'minified bundle', properties: ['Minify'], nodeOptions: false },
  { name: 'sourcemaps', description: 'source maps applied at run time (--enable-source-maps and the .map file)', properties: ['Sourcemap'], nodeOptions: true },
  { name: 'esm-sdk', description: "SDK's ES-module builds (MainFields module,main), tree-shaken", properties: ['MainFields'], nodeOptions: false },
  { name: 'splitting', description: 'code splitting (what only import() reaches goes to lazy chunks)', properties: ['Splitting'], nodeOptions: false },
];

export interface AblationVariant {
  /** `standard+minify`, `arm-min-minify`. */
  name: string;
  /** The profile the variant is compared with, in the same rounds. */
  base: string;
  choice: string;
  /** `add`: the choice applied alone to the base; `remove`: removed alone from it. */
  direction: 'add' | 'remove';
  profile: BuildProfile;
}

const copyProperties = (into: SamBuildProperties, from: SamBuildProperties, keys: readonly string[]): SamBuildProperties => {
  const result: SamBuildProperties = { ...into };
  for (const key of keys) {
    const value = from[key];
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
};

/** `base` with `choice` taken from `donor`; keeps base's architecture (this machine measures bundles, not CPUs). */
export const withChoiceFrom = (base: BuildProfile, donor: BuildProfile, choice: BuildChoice, name: string): BuildProfile => ({
  ...base,
  name,
  description: `${base.name} with ${choice.name} as in ${donor.name}`,
  nodeOptions: choice.nodeOptions ? donor.nodeOptions : base.nodeOptions,
  buildProperties: copyProperties(base.buildProperties, donor.buildProperties, choice.properties),
});

/** For every choice: `standard+<choice>` (vs standard) and `arm-min-<choice>` (vs arm-min). */
export const ablationVariants = (standard: BuildProfile, armMin: BuildProfile, choices: readonly BuildChoice[] = BUILD_CHOICES): AblationVariant[] =>
  choices.flatMap((choice): AblationVariant[] => [
    { name: `${standard.name}+${choice.name}`, base: standard.name, choice: choice.name, direction: 'add', profile: withChoiceFrom(standard, armMin, choice, `${standard.name}+${choice.name}`) },
    { name: `${armMin.name}-${choice.name}`, base: armMin.name, choice: choice.name, direction: 'remove', profile: withChoiceFrom(armMin, standard, choice, `${armMin.name}-${choice.name}`) },
  ]);

/**
 * Settings on which the two profiles differ that no choice covers (architecture aside). Empty means the ablation
 * accounts for every difference; a new option in build-profiles.json makes it non-empty (and a test fail).
 */
export const uncoveredDifferences = (a: BuildProfile, b: BuildProfile, choices: readonly BuildChoice[] = BUILD_CHOICES): string[] => {
  const covered = new Set(choices.flatMap((choice) => choice.properties));
  const keys = new Set([...Object.keys(a.buildProperties), ...Object.keys(b.buildProperties)]);
  const differing = [...keys].filter((key) => JSON.stringify(a.buildProperties[key]) !== JSON.stringify(b.buildProperties[key]) && !covered.has(key));
  const nodeOptionsCovered = choices.some((choice) => choice.nodeOptions);
  return a.nodeOptions !== b.nodeOptions && !nodeOptionsCovered ? [...differing, 'nodeOptions'] : differing;
};
