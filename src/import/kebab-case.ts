/**
 * `Skill/Competence` → `skill-competence`, `Café Crème` → `cafe-creme`: lower case, accents dropped, every run of
 * other characters a single hyphen, none at either end. May return '' when the text has no letter or digit.
 */
export function kebabCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
