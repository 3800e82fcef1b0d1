// Every message of the i18n files is used by the code: written out in full, or under a prefix
// the code completes at run time (t(`stats.presets.${preset}`)). A key nothing uses is dead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// Prefixes of keys the code builds from a code or a field name.
const builtPrefixes = [
  'account.step.', // the sign-in step's title and intro: t(`account.step.${stage}.title`)
  'roles.', // the users' roles, from the API's codes
  'publicProfile.channels.', // a hotline's channel kinds: t(`publicProfile.channels.${kind}`)
  'lang.',
  'lists.filter.',
  'lists.status.',
  'lists.follow_up.',
  'lists.imminent_danger.',
  'supervision.states.',
  'stats.presets.',
  'stats.granularities.',
  'stats.dimensions.',
  'caseStats.dimensions.',
  'knowledge.kind.',
  'safetyPlan.fields.',
  'directory.', // AgencyForm labels its text fields t(`directory.${field}`)
  'hotline.', // the contact form labels its sections t(`hotline.${field}`)
  'cases.client.', // the client form and view label fields t(`cases.client.${name}`)
  'cases.search.', // the search labels its fields and matches t(`cases.search.${field}`)
  'cases.consents.state.',
  'cases.new.steps.',
  'cases.timeline.kinds.',
  'cases.view.planStatus.',
  'cases.approvals.kinds.',
  'exports.ctdc.figures.',
  'exports.ctdc.steps.',
  // The reports screens label periods, statuses, origins, sections, figure groups, figures and
  // figure states from the values the API gives (reports/ReportView.tsx, ReportsPage.tsx).
  'reports.periods.',
  'reports.status.',
  'reports.origin.',
  'reports.sections.',
  'reports.groups.',
  'reports.figures.',
  'reports.state.',
  // The network overview labels cell states, figures and charts from the API's values.
  'networkOverview.state.',
  'networkOverview.figures.',
  'networkOverview.chart.',
  // The referrals screens label directions, statuses, flags, fields and events from the API's
  // values (network/ReferralsPage.tsx, ReferAbroadSection.tsx).
  'referrals.incoming',
  'referrals.outgoing',
  'referrals.none.',
  'referrals.statuses.',
  'referrals.flags.',
  'referrals.fields.',
  'referrals.events.',
  'referrals.form.need',
  // The retention screen labels kinds, hints and actions from the API's values (account/RetentionPage.tsx).
  'retention.kinds.',
  'retention.hints.',
  'retention.actions.',
];

describe('i18n keys', () => {
  it('are all used', () => {
    const source = sourceFiles(join(import.meta.dirname, '..', 'src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // A plural family (x_one, x_other) is used as t('x', { count }).
    const keys = [...new Set(keysOf(en).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))];
    const unused = keys.filter(
      (key) => !source.includes(`'${key}'`) && !builtPrefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
