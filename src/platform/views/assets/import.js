// Progress for large imports. Without JavaScript both forms post as usual and the page waits.
const format = (n) => Number(n).toLocaleString('en-GB');

function showProgress(box, label) {
  box.hidden = false;
  box.querySelector('label').textContent = label;
  return { bar: box.querySelector('progress'), status: box.querySelector('[role=status]') };
}

const upload = document.querySelector('form[data-upload-progress]');
if (upload) {
  upload.addEventListener('submit', (event) => {
    const file = upload.querySelector('input[type=file]');
    if (!file || !file.files || !file.files.length) return;
    event.preventDefault();
    const { bar, status } = showProgress(upload.querySelector('.steward-progress'), 'Uploading');
    const button = upload.querySelector('button');
    button.disabled = true;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.action);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      bar.max = e.total;
      bar.value = e.loaded;
      status.textContent = `${format(Math.round(e.loaded / 1024))} of ${format(Math.round(e.total / 1024))} KB sent`;
    });
    xhr.upload.addEventListener('load', () => {
      bar.removeAttribute('value');
      status.textContent = 'Uploaded. Reading the rows…';
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        status.textContent = 'Read. Opening the preview…';
        window.location.assign(JSON.parse(xhr.responseText).location);
        return;
      }
      // The server's own page, with its error summary.
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', () => {
      status.textContent = 'The upload failed. Check your connection and try again.';
      button.disabled = false;
    });
    xhr.send(new FormData(upload));
  });
}

const confirm = document.querySelector('form[data-import-progress]');
if (confirm && window.ReadableStream && window.TextDecoder) {
  confirm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { bar, status } = showProgress(document.getElementById('import-progress'), 'Importing');
    document.querySelectorAll('.govuk-button-group button').forEach((b) => (b.disabled = true));
    const fail = (message) => {
      status.textContent = message;
      document.querySelectorAll('.govuk-button-group button').forEach((b) => (b.disabled = false));
    };
    try {
      const response = await fetch(confirm.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(confirm)),
        headers: { accept: 'application/x-ndjson' },
      });
      if (!response.ok || !response.body) return fail('The import could not start. Reload the page and try again.');
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        buffered += decoder.decode(value || new Uint8Array(), { stream: !done });
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line);
          if (message.error) return fail(message.error);
          if (message.finished) {
            status.textContent = 'Imported. Opening the result…';
            window.location.assign(message.location);
            return;
          }
          bar.max = message.total || 1;
          bar.value = message.done;
          status.textContent = `${format(message.done)} of ${format(message.total)} rows written`;
        }
        if (done) return fail('The connection closed before the import finished. Reload the page to see whether it was applied.');
      }
    } catch {
      fail('The import could not be completed. Reload the page to see whether it was applied.');
    }
  });
}
