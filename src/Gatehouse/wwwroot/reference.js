// The API reference's console: sends a GraphQL request with a pasted token, as an API client would, and
// shows the answer. The page is a complete reference without this script.
(function () {
    'use strict';

    const form = document.getElementById('reference-console');
    if (!form) {
        return;
    }

    const endpoint = document.getElementById('console-endpoint');
    const token = document.getElementById('console-token');
    const query = document.getElementById('console-query');
    const variables = document.getElementById('console-variables');
    const run = document.getElementById('console-run');
    const status = document.getElementById('console-status');
    const output = document.getElementById('console-output');

    function show(statusText, body) {
        status.textContent = statusText;
        output.textContent = body;
    }

    function pretty(text) {
        try {
            return JSON.stringify(JSON.parse(text), null, 2);
        } catch {
            return text;
        }
    }

    async function send() {
        let parsed = null;
        if (variables.value.trim() !== '') {
            try {
                parsed = JSON.parse(variables.value);
            } catch (error) {
                show('The variables are not valid JSON: ' + error.message, '');
                return;
            }
        }

        const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
        if (token.value.trim() !== '') {
            headers.Authorization = 'Bearer ' + token.value.trim();
        }

        run.disabled = true;
        show('Running…', '');
        try {
            // The session cookie stays home: the console shows what the token alone may do.
            const response = await fetch(endpoint.value, {
                method: 'POST',
                headers: headers,
                credentials: 'omit',
                body: JSON.stringify({ query: query.value, variables: parsed }),
            });
            show('HTTP ' + response.status + ' ' + response.statusText, pretty(await response.text()));
        } catch (error) {
            show('The request did not reach the server: ' + error.message, '');
        } finally {
            run.disabled = false;
        }
    }

    // Each example goes to the endpoint of its part of the page: /hub/graphql/ or /capig/graphql/.
    function load(anchor, exampleEndpoint) {
        endpoint.value = exampleEndpoint;
        query.value = document.getElementById(anchor + '-query').textContent;
        variables.value = document.getElementById(anchor + '-variables').textContent;
        show('', '');
        form.scrollIntoView({ behavior: 'smooth', block: 'start' });
        (token.value.trim() === '' ? token : run).focus({ preventScroll: true });
    }

    run.addEventListener('click', send);
    form.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send();
        }
    });
    document.querySelectorAll('button[data-try]').forEach(function (button) {
        button.addEventListener('click', function () {
            load(button.dataset.try, button.dataset.endpoint);
        });
    });
})();
