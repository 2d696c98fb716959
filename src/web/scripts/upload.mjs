// Progressive enhancement of a form's documents (issue 15): without this file the files go with the form
// (multipart/form-data). With it, each chosen file is checked (type and size) before it is sent, then uploaded
// alone with a progress bar; the uploaded document joins the list as a hidden `documents` field, and the file
// input is emptied so the form does not send the bytes again.
for (const box of document.querySelectorAll('[data-upload]')) {
  const input = box.querySelector('input[type=file]');
  const list = box.querySelector('[data-test=uploaded]');
  const progressArea = box.querySelector('[data-test=upload-progress]');
  const form = box.closest('form');
  const csrf = form.querySelector('input[name=_csrf]').value;
  const max = Number(box.dataset.maxBytes);
  const accepted = box.dataset.accept.split(',').map((e) => e.trim().toLowerCase());
  const text = (key, name) => box.dataset[key].replace('{name}', name);
  let pending = 0;
  const submit = form.querySelector('[data-test=form-submit]');

  const say = (message, error) => {
    const p = document.createElement('p');
    p.className = error ? 'govuk-error-message' : 'govuk-body-s';
    p.setAttribute('role', error ? 'alert' : 'status');
    p.textContent = message;
    progressArea.append(p);
    return p;
  };

  const add = (doc) => {
    const li = document.createElement('li');
    li.dataset.sha256 = doc.sha256;
    const hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = 'documents';
    hidden.value = doc.sha256;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2 app-remove';
    remove.textContent = box.dataset.textRemove;
    remove.setAttribute('aria-label', `${box.dataset.textRemove}: ${doc.name}`);
    remove.addEventListener('click', () => li.remove());
    li.append(hidden, `${doc.name} (${Math.ceil(doc.size / 1024)} KB)`, remove);
    list.append(li);
  };

  const upload = (file) =>
    new Promise((resolve) => {
      const row = document.createElement('div');
      row.className = 'app-upload-row';
      const label = document.createElement('span');
      label.className = 'govuk-body-s';
      label.textContent = text('textUploading', file.name);
      const bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-label', text('textUploading', file.name));
      row.append(label, bar);
      progressArea.append(row);
      const body = new FormData();
      body.append('_csrf', csrf); // before the file: the server checks it before storing anything
      body.append('file', file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', box.dataset.upload);
      xhr.responseType = 'json';
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener('load', () => {
        row.remove();
        if (xhr.status === 201 && xhr.response && xhr.response.sha256) {
          add(xhr.response);
          say(text('textUploaded', file.name), false);
        } else {
          say((xhr.response && xhr.response.error) || text('textType', file.name), true);
        }
        resolve();
      });
      xhr.addEventListener('error', () => {
        row.remove();
        say(text('textType', file.name), true);
        resolve();
      });
      xhr.send(body);
    });

  input.addEventListener('change', async () => {
    const files = [...input.files];
    input.value = '';
    progressArea.textContent = '';
    pending += 1;
    if (submit) submit.disabled = true;
    for (const file of files) {
      const ext = `.${file.name.split('.').pop().toLowerCase()}`;
      if (!accepted.includes(ext)) say(text('textType', file.name), true);
      else if (file.size > max) say(text('textTooLarge', file.name), true);
      else await upload(file);
    }
    pending -= 1;
    if (submit && pending === 0) submit.disabled = false;
  });
}
