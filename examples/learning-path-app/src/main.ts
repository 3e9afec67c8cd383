#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { learningPath, UnknownName } from './learning-path.js';
import { SkillGraph, SkillGraphError } from './skillgraph-client.js';

const USAGE = `usage: learning-path --to <role> [--role <role>] [--skills a,b] [--tools x,y] [--page-size N]
environment: SKILLGRAPH_URL (default http://localhost:4000/graphql), SKILLGRAPH_API_KEY,
             SKILLGRAPH_PERSISTED=automatic|trusted (default automatic)`;

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      to: { type: 'string' },
      role: { type: 'string' },
      skills: { type: 'string' },
      tools: { type: 'string' },
      'page-size': { type: 'string', default: '25' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.to) {
    console.log(USAGE);
    return values.help ? 0 : 64;
  }
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    console.error(`--page-size must be a whole number above 0, not "${values['page-size']}".`);
    return 64;
  }
  const persisted = process.env.SKILLGRAPH_PERSISTED ?? 'automatic';
  if (persisted !== 'automatic' && persisted !== 'trusted') {
    console.error(`SKILLGRAPH_PERSISTED must be automatic or trusted, not "${persisted}".`);
    return 64;
  }
  const skillGraph = new SkillGraph({
    url: process.env.SKILLGRAPH_URL ?? 'http://localhost:4000/graphql',
    apiKey: process.env.SKILLGRAPH_API_KEY,
    persisted,
    onRateLimited: (seconds) => console.error(`Rate limited; waiting ${seconds} s as the service asks.`),
  });
  const from = { role: values.role, skills: list(values.skills), tools: list(values.tools) };
  try {
    const path = await learningPath(skillGraph, from, values.to, pageSize, (limit) =>
      console.error(`The service pages at most ${limit} steps at a time; asking for ${limit}.`),
    );
    const estimated = path.hoursEstimated ? ' (some hours estimated)' : '';
    console.log(`To ${values.to}: ${path.steps.length} skills, ${path.totalHours} h${estimated}.`);
    console.log(`Already covered: ${Math.round(path.coverage * 100)}% of its essential skills.`);
    for (const step of path.steps) {
      const reason = step.reason === 'PREREQUISITE' ? 'prerequisite' : step.reason.toLowerCase();
      console.log(
        `${String(step.position).padStart(3)}. ${step.skill.name} — ${step.hours} h (${step.runningTotalHours} h in all; ${reason})`,
      );
    }
    if (path.missingTools.length > 0) console.log(`Tools to pick up: ${path.missingTools.join(', ')}.`);
    console.log(`Graph version ${path.graphVersion}.`);
    return 0;
  } catch (error) {
    if (error instanceof UnknownName) {
      console.error(error.message);
      if (error.suggestions.length > 0) console.error(`Did you mean: ${error.suggestions.join(', ')}?`);
      return 2;
    }
    if (error instanceof SkillGraphError) {
      console.error(`SkillGraph refused the request (${error.code}): ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
