import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.ts';

/** Where page tests leave their screenshots (ignored by git). */
export const ARTIFACTS = path.join(projectRoot, 'test-artifacts');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated in the
 * page (not added as a script tag, which the explorer's Content-Security-Policy refuses).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

interface SeedEntity {
  id: string;
  type: string;
  name: string;
}
interface SeedFact {
  type: string;
  from: string;
  to: string;
  role?: string;
  validFrom?: string;
  validTo?: string;
}
interface SeedClaim {
  id: string;
  stance: string;
  speakers: { id: string; role?: string }[];
  targets: (string | { id: string; stance?: string })[];
}

/** The seed articles as the page tests read their expectations from them: seed/ and its folders. */
export function readSeed() {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(projectRoot, 'seed'));
  const entities = new Map<string, SeedEntity>();
  const facts: SeedFact[] = [];
  const claims = new Map<string, SeedClaim>();
  const articles: { id: string; title: string; text?: string }[] = [];
  for (const file of files.sort()) {
    const doc = parse(readFileSync(file, 'utf8')) as {
      article: { id: string; title: string; text?: string };
      entities?: SeedEntity[];
      facts?: SeedFact[];
      claims?: SeedClaim[];
    };
    articles.push(doc.article);
    for (const e of doc.entities ?? []) if (!entities.has(e.id)) entities.set(e.id, e);
    facts.push(...(doc.facts ?? []));
    for (const c of doc.claims ?? []) claims.set(c.id, c);
  }
  const byName = (name: string) => {
    const found = [...entities.values()].find((e) => e.name === name);
    if (!found) throw new Error(`no seed entity named ${name}`);
    return found;
  };
  const stanceTowards = (claim: SeedClaim, target: string) => {
    for (const t of claim.targets) {
      if (t === target) return claim.stance;
      if (typeof t === 'object' && t.id === target) return t.stance ?? claim.stance;
    }
    return undefined;
  };
  return { articles, entities, facts, claims: [...claims.values()], byName, stanceTowards };
}
