/*
 * The page editor's autosave writes revisions, but the form's
 * loaded_revision_id and loaded_revision_created_at keep naming the revision
 * the editor was opened with. The stale-save check (home/forms.py,
 * EditorPageForm) compares them with the page's latest revision, so without
 * this a person's own autosave looks like someone else's newer version when
 * they press "Save draft". After each autosave that succeeds, the form names
 * the revision it wrote (Wagtail's JSON answer gives its id and time).
 */
document.addEventListener("w-autosave:success", function (event) {
  var form = event.target;
  var data = event.detail && event.detail.data;
  if (!(form instanceof HTMLFormElement) || !data || !data.revision_id) {
    return;
  }
  var loaded = form.elements.namedItem("loaded_revision_id");
  var createdAt = form.elements.namedItem("loaded_revision_created_at");
  if (loaded && createdAt && data.revision_created_at) {
    loaded.value = String(data.revision_id);
    createdAt.value = data.revision_created_at;
  }
});
