/**
 * Words in messages, so every sentence reads as a person wrote it: "1 fact", "2 facts", "an
 * iam-role", "cdk-l1 and cloudformation". Every report, plan and error message builds its counts,
 * articles and lists here.
 */

/** "1 fact", "3 facts"; `many` for irregular plurals ("1 entry", "2 entries"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The noun alone, singular or plural by count ("differ" vs "differs" is `verbFor`). */
export function nounFor(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** A present-tense verb agreeing with a count: 1 fact differs, 2 facts differ. */
export function verbFor(count: number, singular: string, pluralForm: string): string {
  return count === 1 ? singular : pluralForm;
}

/**
 * "a" or "an" before a word, by how it sounds: vowels take "an" (an iam-role, an eks-cluster, an
 * object, an unknown value), except the few that sound like a consonant (a user, a unique name,
 * a one-off, a eu-west-1 subnet).
 */
export function article(word: string): 'a' | 'an' {
  const lower = word.toLowerCase();
  if (/^(uni|use|usu|uri|one|eu)/.test(lower)) return 'a';
  return /^[aeiou]/.test(lower) ? 'an' : 'a';
}

/** The word with its article: withArticle('iam-role') → 'an iam-role'. */
export function withArticle(word: string): string {
  return `${article(word)} ${word}`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
