import { placeholdersIn, render, resolvePlaceholder, PlaceholderError } from '../../src/core/template';
import { alpha, beta } from '../doubles/content';

describe('template placeholders', () => {
  test('fills setting, DSL, head, rules and contacts', () => {
    expect(render('{{setting}}: {{dsl}} / {{dsl.name}} / {{head.role}} / {{rule.phone-rule}} / {{contact.police}}', alpha)).toBe(
      'Alpha School: Alpha School DSL (DSL) / Alpha School DSL / headteacher / Keep phones in the locker. / Police, 101',
    );
  });

  test('deputies: none, one shared role said once, or each with their role', () => {
    expect(resolvePlaceholder('deputies', alpha)).toBe('no deputy DSL is named in the policy');
    const shared = { ...alpha, people: { ...alpha.people, deputies: [{ name: 'A', role: 'DSL' }, { name: 'B', role: 'DSL' }, { name: 'C', role: 'DSL' }] } };
    expect(resolvePlaceholder('deputies', shared)).toBe('A, B and C (DSL)');
    const mixed = { ...alpha, people: { ...alpha.people, deputies: [{ name: 'A', role: 'Deputy DSL' }, { role: 'Manager' }] } };
    expect(resolvePlaceholder('deputies', mixed)).toBe('A (Deputy DSL) and Manager');
  });

  test('a silent or missing rule is an error, never a blank', () => {
    expect(() => render('{{rule.phone-rule}}', beta)).toThrow(PlaceholderError);
    expect(() => render('{{rule.nope}}', alpha)).toThrow(/no rule "nope"/);
    expect(() => render('{{nonsense}}', alpha)).toThrow(/unknown placeholder/);
  });

  test('runtime values fill report placeholders', () => {
    expect(render('Ref {{reference}} for {{dsl.name}}', alpha, { reference: 'SS-2026-0001' })).toBe('Ref SS-2026-0001 for Alpha School DSL');
    expect(placeholdersIn('a {{b}} c {{ rule.d }}')).toEqual(['b', 'rule.d']);
  });
});
