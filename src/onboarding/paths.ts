/**
 * Where a setting's own files live, all under content/settings/ so a new setting changes nothing
 * else: the profile `<id>.yaml`, and in `<id>/` its policy texts (`<document>.txt`), clause maps
 * (`clauses/<document>.yaml`), approval record (`approval.yaml`) and review book (`review.html`).
 */
import path from 'node:path';

/** Content-root-relative paths for setting `id`. */
export function settingPaths(root: string, id: string) {
  const dir = path.join(root, 'content', 'settings', id);
  return {
    profile: path.join(root, 'content', 'settings', `${id}.yaml`),
    dir,
    policyText: (documentId: string) => path.join(dir, `${documentId}.txt`),
    clauseMap: (documentId: string) => path.join(dir, 'clauses', `${documentId}.yaml`),
    approval: path.join(dir, 'approval.yaml'),
    reviewHtml: path.join(dir, 'review.html'),
    reviewPdf: path.join(dir, 'review.pdf'),
  };
}
