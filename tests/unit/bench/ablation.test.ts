import path from 'node:path';
import { loadProfiles, profileNamed, toEsbuildOptions } from '../../../scripts/build/profiles';
import { ablationVariants, BUILD_CHOICES, uncoveredDifferences } from '../../../bench/lib/ablation';

const ROOT = path.resolve(__dirname, '../../..');
const profiles = loadProfiles(ROOT);
const standard = profileNamed(profiles, 'standard');
const armMin = profileNamed(profiles, 'arm-min');

describe('ablation variants of build-profiles.json', () => {
  const variants = ablationVariants(standard, armMin);
  const named = (name: string) => variants.find((variant) => variant.name === name);

  it('has every choice once applied to standard and once removed from arm-min', () => {
    // Assert
    expect(variants.map((variant) => variant.name).sort()).toEqual(BUILD_CHOICES.flatMap((choice) => [`standard+${choice.name}`, `arm-min-${choice.name}`]).sort());
  });

  it('covers every build setting on which the two profiles differ, so no difference goes unmeasured', () => {
    // Act / Assert
    expect(uncoveredDifferences(standard, armMin)).toEqual([]);
    expect(uncoveredDifferences(standard, { ...armMin, buildProperties: { ...armMin.buildProperties, Define: ['x=1'] } })).toEqual(['Define']);
  });

  it('changes exactly one choice: standard+minify is standard minified, arm-min-minify is arm-min unminified', () => {
    // Act
    const add = named('standard+minify')?.profile;
    const remove = named('arm-min-minify')?.profile;

    // Assert
    expect(add?.buildProperties).toEqual({ ...standard.buildProperties, Minify: true });
    expect(add?.nodeOptions).toBe(standard.nodeOptions);
    expect(remove?.buildProperties).toEqual({ ...armMin.buildProperties, Minify: false });
  });

  it('moves --enable-source-maps with the source maps, and drops settings the donor lacks', () => {
    // Act
    const withMaps = named('arm-min-sourcemaps')?.profile;
    const withoutMaps = named('standard+sourcemaps')?.profile;
    const cjsSdk = named('arm-min-esm-sdk')?.profile;
    const split = named('standard+splitting')?.profile;

    // Assert
    expect(withMaps).toMatchObject({ nodeOptions: '--enable-source-maps', buildProperties: { Sourcemap: true, Minify: true } });
    expect(withoutMaps).toMatchObject({ nodeOptions: '', buildProperties: { Sourcemap: false, Minify: false } });
    expect(cjsSdk?.buildProperties).not.toHaveProperty('MainFields');
    expect(toEsbuildOptions(split?.buildProperties ?? {})).toMatchObject({ splitting: true, format: 'esm', minify: false });
  });

  it('keeps the base profile architecture (the CPU is not an ablation choice on one machine)', () => {
    // Assert
    for (const variant of variants) expect(variant.profile.architecture).toBe(variant.base === 'standard' ? standard.architecture : armMin.architecture);
  });
});
