#!/usr/bin/env node
// Drive a running AngioVoice server with Bespoken's virtual-alexa.
//
// virtual-alexa reads our generated interaction model, resolves each utterance to an intent
// with it (throwing if no sample matches), builds the request envelope Alexa would send,
// POSTs it to the skill URL, and carries the session attributes into the next turn.
//
// usage: node run.js --url http://127.0.0.1:5000/alexa --model PATH [--app-id ID]
//                    [--locale en-US] -- UTTERANCE...
// An utterance of "@launch" sends a LaunchRequest and "@end" a SessionEndedRequest.
// Prints one JSON object per turn on stdout; exits 1 on the first failure.
"use strict";

const va = require("virtual-alexa");

function parseArgs(argv) {
  const options = { locale: "en-US", utterances: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--") {
      options.utterances = argv.slice(i + 1);
      break;
    }
    const value = argv[i + 1];
    if (arg === "--url") options.url = value;
    else if (arg === "--model") options.model = value;
    else if (arg === "--app-id") options.appId = value;
    else if (arg === "--locale") options.locale = value;
    else throw new Error(`unknown argument ${arg}`);
    i += 1;
  }
  if (!options.url || !options.model || options.utterances.length === 0) {
    throw new Error("usage: run.js --url URL --model PATH [--app-id ID] -- UTTERANCE...");
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let builder = va.VirtualAlexa.Builder()
    .interactionModelFile(options.model)
    .skillURL(options.url)
    .locale(options.locale);
  if (options.appId) builder = builder.applicationID(options.appId);
  const alexa = builder.create();

  let sent = null;
  alexa.filter((request) => {
    sent = request;
  });

  for (const utterance of options.utterances) {
    let response;
    if (utterance === "@launch") response = await alexa.launch();
    else if (utterance === "@end") response = await alexa.endSession();
    else response = await alexa.utter(utterance);
    const body = response.response || {};
    const speech = body.outputSpeech || {};
    const reprompt = (body.reprompt && body.reprompt.outputSpeech) || {};
    process.stdout.write(
      JSON.stringify({
        utterance,
        requestType: sent && sent.request.type,
        intent: sent && sent.request.intent ? sent.request.intent.name : null,
        locale: sent && sent.request.locale,
        ssml: speech.ssml || null,
        reprompt: reprompt.ssml || null,
        card: body.card || null,
        shouldEndSession: body.shouldEndSession === undefined ? null : body.shouldEndSession,
        sessionAttributes: response.sessionAttributes || null,
      }) + "\n",
    );
  }
}

main().catch((error) => {
  process.stderr.write(`virtual-alexa check failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
