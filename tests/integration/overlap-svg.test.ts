import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { graphFixture, TestHelper } from '../support/test-helper.js';

/** The explorer's format of a figure (explorer/src/overlap/heatmap.ts: two decimals). */
const shown = (value: number) => value.toFixed(2);

interface Node {
  tag: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

/** An SVG document as a tree, parsed by a real XML parser (after checking it is well-formed). */
function parseSvg(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
  }).parse(svg);
  const toNode = (raw: any): Node => {
    const tag = Object.keys(raw).find((key) => key !== ':@') ?? '';
    const children = Array.isArray(raw[tag]) ? raw[tag].filter((child: any) => !('#text' in child)).map(toNode) : [];
    const text = Array.isArray(raw[tag]) ? raw[tag].map((child: any) => child['#text'] ?? '').join('') : '';
    return { tag, attributes: raw[':@'] ?? {}, children, text };
  };
  const roots = parsed.map(toNode).filter((node: Node) => node.tag === 'svg');
  expect(roots).toHaveLength(1);
  return roots[0];
}

function* descendants(node: Node): Generator<Node> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}

/** The elements `tag` inside the groups of a Plot mark (its aria-label), in document order. */
const ofMark = (svg: Node, mark: string, tag: string) =>
  [...descendants(svg)]
    .filter((node) => node.tag === 'g' && node.attributes['aria-label'] === mark)
    .flatMap((group) => [...descendants(group)].filter((node) => node.tag === tag));

describe('GET /export/overlap.svg on the project seed', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  const keys = ['data-scientist', 'mlops-engineer', 'data-engineer', 'data-analyst', 'machine-learning-engineer'];

  async function matrixOf(roles: string[]) {
    return (
      await helper.data(
        `{ overlapMatrix(roles: ${JSON.stringify(roles)}) { roles { key name } jaccard weightedJaccard } }`,
      )
    ).overlapMatrix;
  }

  /** Checks the picture against the matrix: a cell per pair, the figures as the explorer writes them. */
  function expectPicture(text: string, matrix: { roles: { key: string; name: string }[] }, values: number[][]) {
    const svg = parseSvg(text);
    const n = matrix.roles.length;
    expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    // two cell marks: the diagonal (grey, a role with itself), then every pair of different roles (coloured)
    const marks = [...descendants(svg)].filter((node) => node.tag === 'g' && node.attributes['aria-label'] === 'cell');
    expect(marks).toHaveLength(2);
    expect(marks[0]?.attributes.fill).toBe('#e4e7ec');
    const [diagonal = [], pairs = []] = marks.map((mark) => mark.children.filter((child) => child.tag === 'rect'));
    expect(diagonal).toHaveLength(n);
    expect(pairs).toHaveLength(n * (n - 1));
    expect(pairs.every((cell) => /^rgb\(/.test(cell.attributes.fill ?? ''))).toBe(true);
    const titles = pairs.map((cell) => cell.children.find((child) => child.tag === 'title')?.text);
    const expectedTitles = matrix.roles.flatMap((a, row) =>
      matrix.roles.flatMap((b, column) =>
        row === column ? [] : [`${a.name} and ${b.name}: ${shown(values[row]?.[column] ?? Number.NaN)}`],
      ),
    );
    expect(titles).toEqual(expectedTitles);
    // the figures written in the cells, row by row
    expect(ofMark(svg, 'text', 'text').map((node) => node.text)).toEqual(values.flat().map(shown));
    // the roles' names on both axes
    for (const role of matrix.roles) {
      expect([...descendants(svg)].filter((node) => node.tag === 'text' && node.text === role.name)).toHaveLength(2);
    }
    return svg;
  }

  it('draws the heatmap of the named roles: one cell per pair, the figures of overlapMatrix', async () => {
    const matrix = await matrixOf(keys);
    const response = await helper.app().fetch(`http://yoga/export/overlap.svg?roles=${keys.join(',')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = expectPicture(await response.text(), matrix, matrix.jaccard);
    const texts = [...descendants(svg)].filter((node) => node.tag === 'text').map((node) => node.text);
    expect(texts).toContain('Jaccard index (shared skills / all skills of the two)');
    // the legend's ramp is a gradient, not an image (no canvas on the server)
    expect([...descendants(svg)].some((node) => node.tag === 'image')).toBe(false);
    expect([...descendants(svg)].filter((node) => node.tag === 'stop').length).toBeGreaterThan(2);
  });

  it('measure=weighted: the weighted figures; roles=all: every role of the seed', async () => {
    const matrix = await matrixOf(keys.slice(0, 3));
    const weighted = await helper
      .app()
      .fetch(`http://yoga/export/overlap.svg?roles=${keys.slice(0, 3).join(',')}&measure=weighted`);
    expect(weighted.status).toBe(200);
    const svg = expectPicture(await weighted.text(), matrix, matrix.weightedJaccard);
    expect([...descendants(svg)].some((node) => node.tag === 'text' && node.text.startsWith('Weighted Jaccard'))).toBe(
      true,
    );

    const { all } = await helper.data('{ all: overlapMatrix(allRoles: true) { roles { key name } jaccard } }');
    const response = await helper.app().fetch('http://yoga/export/overlap.svg?roles=all');
    expect(response.status).toBe(200);
    expectPicture(await response.text(), all, all.jaccard);
  });

  it('refuses bad options with BAD_USER_INPUT, more than 50 roles with LIMIT_EXCEEDED, as JSON', async () => {
    const app = helper.app();
    const cases: [string, string][] = [
      ['', 'roles'],
      ['roles=data-scientist&roles=mlops-engineer', 'roles'],
      ['roles=data-scientist&role=mlops-engineer', 'role'],
      ['roles=data-scientist,mlops-engineer&measure=cosine', 'measure'],
      ['roles=data-scientist&source=seed', 'source'],
      ['roles=all&source=mars', 'source'],
    ];
    for (const [query, argument] of cases) {
      const response = await app.fetch(`http://yoga/export/overlap.svg?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type'), query).toMatch(/^application\/json/);
      const { errors } = await response.json();
      expect(errors[0].extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const unknown = await app.fetch('http://yoga/export/overlap.svg?roles=data-scientist,astronaut');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'roles[1]' });
    const tooMany = await app.fetch(
      `http://yoga/export/overlap.svg?roles=${Array.from({ length: 51 }, () => 'data-scientist').join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).errors[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'overlapRoles',
      max: 50,
      actual: 51,
    });
    expect((await app.fetch('http://yoga/export/overlap.svg?roles=data-scientist', { method: 'POST' })).status).toBe(
      405,
    );
  });
});

describe('GET /export/overlap.svg of roles=all on a graph of 51 roles', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`r${i}`, { skills: [['s']] }])),
      skills: { s: {} },
    }),
  });

  it('refuses them with LIMIT_EXCEEDED overlapRoles; the CSV has them all', async () => {
    const response = await helper.app().fetch('http://yoga/export/overlap.svg?roles=all');
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'overlapRoles',
      max: 50,
      actual: 51,
    });
    const csv = await helper.app().fetch('http://yoga/export/overlap.csv?roles=all');
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n')).toHaveLength(52);
  });
});
