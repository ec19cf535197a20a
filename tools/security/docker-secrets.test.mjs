// node --test tools/ : no secret of the docker files has a default. A default
// password or signing secret is the one every careless deployment shares, so
// compose must refuse to start without them (`${VAR:?message}`). Reads the files
// as text — no docker needed, and no YAML parser among the declared dependencies.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dockerDir = path.join(root, 'docker');

/** Names that hold secrets: passwords, secrets, keys, tokens, credentials. */
export const SECRET_NAME = /PASS(WORD|WD)?|SECRET|KEY|TOKEN|CREDENTIAL/i;

/** A line without its `#` comment (a `#` at the start or after a space, outside quotes). */
function withoutComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/**
 * Every compose interpolation of a text: `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?message}`, `${NAME?message}`, `${NAME:+alt}`, `${NAME+alt}` (nested ones too); `$$` is a
 * literal dollar. `operator` is '' for a plain reference.
 */
export function interpolations(text) {
  const found = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = withoutComment(raw);
    scan(line, index + 1);
  });
  return found;

  function scan(s, lineNumber) {
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== '$') continue;
      if (s[i + 1] === '$') {
        i++;
        continue;
      }
      const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
      if (bare) {
        found.push({ name: bare[0], operator: '', argument: '', line: lineNumber, text: `$${bare[0]}` });
        i += bare[0].length;
        continue;
      }
      if (s[i + 1] !== '{') continue;
      let depth = 0;
      let end = -1;
      for (let j = i + 1; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) {
          end = j;
          break;
        }
      }
      if (end < 0) {
        found.push({ name: '', operator: 'unclosed', argument: '', line: lineNumber, text: s.slice(i) });
        return;
      }
      const body = s.slice(i + 2, end);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      found.push({
        name: match?.[1] ?? body,
        operator: match ? (match[2] ?? '') : 'malformed',
        argument: match?.[3] ?? '',
        line: lineNumber,
        text: s.slice(i, end + 1),
      });
      if (match?.[3]) scan(match[3], lineNumber);
      i = end;
    }
  }
}

/** `KEY: value` and `- KEY=value` settings of a compose file whose key names a secret. */
function secretSettings(text) {
  return text
    .split('\n')
    .map((raw, index) => ({ line: withoutComment(raw), number: index + 1 }))
    .map(({ line, number }) => ({
      match: /^\s*(?:-\s*)?['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*(?::\s+|=|:$)(.*)$/.exec(line),
      number,
    }))
    .filter(({ match }) => match && SECRET_NAME.test(match[1]))
    .map(({ match, number }) => ({ key: match[1], value: match[2].trim(), line: number }));
}

/** What is wrong with a compose file's secrets, one sentence per problem. */
export function composeSecretProblems(text, file = 'compose.yaml') {
  const problems = [];
  for (const use of interpolations(text)) {
    if (use.operator === 'unclosed' || use.operator === 'malformed') {
      problems.push(`${file}:${use.line}: cannot read the interpolation ${use.text}`);
    } else if (SECRET_NAME.test(use.name) && use.operator !== ':?') {
      problems.push(
        `${file}:${use.line}: ${use.text} — a secret must be required with \${${use.name}:?message}, not defaulted or left possibly empty`,
      );
    } else if (use.operator === ':?' && use.argument.trim() === '') {
      problems.push(`${file}:${use.line}: ${use.text} — say what to set, and how, after ":?"`);
    }
  }
  for (const setting of secretSettings(text)) {
    // Nested keys (`secrets:`), and values taken only from required variables, are fine.
    if (setting.value === '') continue;
    const required = interpolations(setting.value).filter((use) => use.operator === ':?');
    if (required.length === 0) {
      problems.push(
        `${file}:${setting.line}: ${setting.key} does not come from a required variable; take it from one (\${NAME:?message})`,
      );
    }
  }
  return problems;
}

/** `ARG`/`ENV` instructions of a Dockerfile that give a secret-named variable a value. */
export function dockerfileSecretProblems(text, file = 'Dockerfile') {
  const problems = [];
  // Continuation lines belong to their instruction.
  const instructions = text.replace(/\\\r?\n/g, ' ').split('\n');
  instructions.forEach((instruction, index) => {
    const match = /^\s*(ARG|ENV)\s+(.*)$/i.exec(withoutComment(instruction));
    if (!match) return;
    for (const [, name, value] of match[2].matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("[^"]*"|'[^']*'|\S*))?/g)) {
      const legacyEnv = match[1].toUpperCase() === 'ENV' && !match[2].includes('=');
      if (SECRET_NAME.test(name) && (value !== undefined || legacyEnv)) {
        problems.push(`${file}: ${match[1]} ${name} has a value built into the image; pass it at run time`);
      }
    }
  });
  return problems;
}

const composeText = readFileSync(path.join(dockerDir, 'compose.yaml'), 'utf8');
/** compose.yaml and its overlays (compose.replica.yaml: the PostgreSQL standby). */
const composeFiles = readdirSync(dockerDir).filter((file) => /^compose(\.[\w-]+)?\.ya?ml$/.test(file));

test('no compose file of docker/ gives a secret a default', () => {
  assert.ok(
    composeFiles.includes('compose.yaml') && composeFiles.includes('compose.replica.yaml'),
    composeFiles.join(),
  );
  for (const file of composeFiles) {
    const text = readFileSync(path.join(dockerDir, file), 'utf8');
    assert.deepEqual(composeSecretProblems(text, `docker/${file}`), []);
  }
});

test('docker/compose.replica.yaml requires the replication password, with a message saying what to set', () => {
  const text = readFileSync(path.join(dockerDir, 'compose.replica.yaml'), 'utf8');
  const uses = interpolations(text).filter((use) => use.name === 'SKILLBRIDGE_REPLICATION_PASSWORD');
  assert.ok(uses.length > 0);
  for (const use of uses) {
    assert.equal(use.operator, ':?');
    assert.match(use.argument, /set SKILLBRIDGE_REPLICATION_PASSWORD /);
  }
});

test('docker/compose.yaml requires the database password and the signing and sealing secrets, with a message saying what to set', () => {
  const required = interpolations(composeText).filter((use) => use.operator === ':?');
  for (const name of [
    'SKILLBRIDGE_DB_PASSWORD',
    'SKILLBRIDGE_JWT_SECRET',
    'SKILLBRIDGE_DATA_KEY',
    'SKILLBRIDGE_CREDENTIAL_KEY',
  ]) {
    const uses = required.filter((use) => use.name === name);
    assert.ok(uses.length > 0, `${name} is not required with :?`);
    for (const use of uses) assert.match(use.argument, new RegExp(`set ${name} `));
  }
});

test('the Dockerfiles build no secret into an image', () => {
  const files = readdirSync(dockerDir).filter((file) => /Dockerfile/i.test(file));
  assert.ok(files.length >= 2);
  for (const file of files) {
    assert.deepEqual(dockerfileSecretProblems(readFileSync(path.join(dockerDir, file), 'utf8'), file), []);
  }
});

test('nginx.conf carries no credentials', () => {
  const conf = readFileSync(path.join(dockerDir, 'nginx.conf'), 'utf8');
  assert.doesNotMatch(conf, /auth_basic_user_file|proxy_set_header\s+Authorization|password|secret/i);
});

test('every way of defaulting a secret is caught', () => {
  const cases = {
    'P: ${DB_PASSWORD:-change-me}': 1,
    'P: ${DB_PASSWORD-change-me}': 1,
    'P: ${DB_PASSWORD}': 1,
    'P: $DB_PASSWORD': 1,
    'P: ${DB_PASSWORD?}': 1,
    'P: ${DB_PASSWORD:+x}': 1,
    'P: ${API_TOKEN:-x}': 1,
    'P: ${SIGNING_KEY:-x}': 1,
    'URL: postgres://u:${DB_PASSWORD:-pw}@db/x': 1,
    'P: ${OTHER:-${JWT_SECRET:-nested}}': 1,
    'P: ${DB_PASSWORD:?}': 1,
    'JWT_SECRET: change-me-to-at-least-32-random-characters': 1,
    "      - 'POSTGRES_PASSWORD=hunter2'": 1,
    '      - POSTGRES_PASSWORD=hunter2': 1,
    'POSTGRES_PASSWORD: ${PGPASS:-x}': 2,
  };
  for (const [line, count] of Object.entries(cases)) {
    assert.equal(composeSecretProblems(line).length, count, line);
  }
});

test('required secrets, other defaults, escaped dollars and comments pass', () => {
  for (const line of [
    'JWT_SECRET: ${SKILLBRIDGE_JWT_SECRET:?set it}',
    'URL: postgres://u:${DB_PASSWORD:?set DB_PASSWORD}@db/x',
    'PUBLIC_URL: ${SKILLBRIDGE_PUBLIC_URL:-http://localhost:8080}',
    "test: ['CMD-SHELL', 'echo $${DB_PASSWORD:-x}']",
    '# P: ${DB_PASSWORD:-old default, commented out}',
    'secrets:',
  ]) {
    assert.deepEqual(composeSecretProblems(line), [], line);
  }
});

test('a secret given a value in a Dockerfile is caught', () => {
  assert.equal(dockerfileSecretProblems('ENV JWT_SECRET=abc').length, 1);
  assert.equal(dockerfileSecretProblems('ENV NODE_ENV=production \\\n    DB_PASSWORD=x').length, 1);
  assert.equal(dockerfileSecretProblems('ARG NPM_TOKEN=abc').length, 1);
  assert.equal(dockerfileSecretProblems('ENV JWT_SECRET abc').length, 1);
  assert.deepEqual(dockerfileSecretProblems('ENV NODE_ENV=production PORT=3000\nARG NPM_TOKEN'), []);
});
