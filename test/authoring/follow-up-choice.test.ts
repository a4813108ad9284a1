/**
 * `bad-follow-up-choice`: a question's onFollowUp must name its own choice, and that choice must
 * end the flow (a follow-up may decline an offer, never skip part of a flow).
 */
import { FLOW, edit, expectOne, lineOf, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

const HELP = '    help: Answer from what you were told. Do not go looking for the image yourself.\n';

describe('bad-follow-up-choice', () => {
  it('names a choice the question does not have', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, HELP, `${HELP}    onFollowUp: nowhere\n`));
    const p = expectOne(problems, 'bad-follow-up-choice', FLOW, lineOf(root, FLOW, 'onFollowUp: nowhere'));
    expect(p.message).toContain('nowhere');
    expect(p.fix).toContain('on-a-phone-here');
  });

  it('names a choice that does not lead to an end step', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, HELP, `${HELP}    onFollowUp: shared-online\n`));
    const p = expectOne(problems, 'bad-follow-up-choice', FLOW, lineOf(root, FLOW, 'onFollowUp: shared-online'));
    expect(p.message).toContain('check-phones');
  });
});
