/**
 * A structural check of an Adaptive Card against what schema 1.5 allows and Microsoft Teams renders:
 * known element and action types with their required properties, unique input ids, no template leftovers.
 * Returns the problems found (empty when the card is fine).
 */
const elements: Record<string, string[]> = {
  TextBlock: ['text'],
  RichTextBlock: ['inlines'],
  Image: ['url'],
  ImageSet: ['images'],
  Container: ['items'],
  ColumnSet: [],
  FactSet: ['facts'],
  ActionSet: ['actions'],
  Table: ['columns'],
  'Input.Text': ['id'],
  'Input.Number': ['id'],
  'Input.Date': ['id'],
  'Input.Time': ['id'],
  'Input.Toggle': ['id', 'title'],
  'Input.ChoiceSet': ['id', 'choices'],
};
const actions: Record<string, string[]> = {
  'Action.Submit': ['title'],
  'Action.OpenUrl': ['title', 'url'],
  'Action.ShowCard': ['title', 'card'],
  'Action.ToggleVisibility': ['title', 'targetElements'],
  'Action.Execute': ['title'],
};
/** Teams shows at most six buttons in a card's action bar. */
const TEAMS_MAX_ACTIONS = 6;

export function cardProblems(card: any): string[] {
  const problems: string[] = [];
  const inputIds = new Set<string>();
  const fail = (path: string, what: string) => problems.push(`${path}: ${what}`);

  const walkStrings = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (value.includes('${')) fail(path, `template placeholder left: ${value}`);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walkStrings(v, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$data' || k === '$when') fail(path, `template key ${k} left`);
        walkStrings(v, `${path}.${k}`);
      }
    }
  };

  const checkAction = (a: any, path: string) => {
    const required = actions[a?.type];
    if (!required) return fail(path, `action type ${a?.type} not supported`);
    for (const p of required) if (a[p] === undefined || a[p] === '') fail(path, `${a.type} needs ${p}`);
    if (a.type === 'Action.Submit' && a.data !== undefined && (typeof a.data !== 'object' || Array.isArray(a.data))) fail(path, 'data must be an object');
    if (a.type === 'Action.ShowCard') checkCard(a.card, `${path}.card`, false);
  };

  const checkElement = (e: any, path: string) => {
    const required = elements[e?.type];
    if (!required) return fail(path, `element type ${e?.type} not supported`);
    for (const p of required) if (e[p] === undefined) fail(path, `${e.type} needs ${p}`);
    if (e.type.startsWith('Input.')) {
      if (inputIds.has(e.id)) fail(path, `input id ${e.id} used twice`);
      inputIds.add(e.id);
    }
    if (e.type === 'TextBlock' && typeof e.text !== 'string') fail(path, 'TextBlock text must be a string');
    if (e.type === 'Container') (e.items ?? []).forEach((x: any, i: number) => checkElement(x, `${path}.items[${i}]`));
    if (e.type === 'ColumnSet') {
      (e.columns ?? []).forEach((c: any, i: number) => {
        if (c.type !== undefined && c.type !== 'Column') fail(`${path}.columns[${i}]`, 'must be a Column');
        (c.items ?? []).forEach((x: any, j: number) => checkElement(x, `${path}.columns[${i}].items[${j}]`));
      });
    }
    if (e.type === 'FactSet') {
      (e.facts ?? []).forEach((f: any, i: number) => {
        if (typeof f.title !== 'string' || typeof f.value !== 'string') fail(`${path}.facts[${i}]`, 'title and value must be strings');
      });
    }
    if (e.type === 'ActionSet') (e.actions ?? []).forEach((a: any, i: number) => checkAction(a, `${path}.actions[${i}]`));
  };

  const checkCard = (c: any, path: string, root: boolean) => {
    if (c?.type !== 'AdaptiveCard') return fail(path, 'type must be AdaptiveCard');
    if (root) {
      const m = /^(\d+)\.(\d+)$/.exec(String(c.version));
      if (!m) fail(path, `version ${c.version} is not major.minor`);
      else if (Number(m[1]) !== 1 || Number(m[2]) > 5) fail(path, `version ${c.version} is above 1.5`);
    }
    if (!Array.isArray(c.body)) fail(path, 'body must be an array');
    (c.body ?? []).forEach((e: any, i: number) => checkElement(e, `${path}.body[${i}]`));
    if (c.actions !== undefined && !Array.isArray(c.actions)) fail(path, 'actions must be an array');
    if ((c.actions ?? []).length > TEAMS_MAX_ACTIONS) fail(path, `more than ${TEAMS_MAX_ACTIONS} actions`);
    (c.actions ?? []).forEach((a: any, i: number) => checkAction(a, `${path}.actions[${i}]`));
  };

  checkCard(card, '$', true);
  walkStrings(card, '$');
  return problems;
}
