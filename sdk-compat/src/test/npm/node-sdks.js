// Drives one real server-side SDK, with its defaults but for the host, against a Footfall gateway:
// an identify, a page and a track for the user "<scenario>-user", then a flush. Exits 0 once the
// SDK reports every event delivered, 1 with the SDK's error otherwise.
//
//   node node-sdks.js <segment-node|analytics-node|rudder-node> <gateway URL> <write key> <scenario>
'use strict';

const [sdk, gateway, writeKey, scenario] = process.argv.slice(2);
const userId = scenario + '-user';
const properties = { scenario, revenue: 42.5 };

function fail(error) {
  console.error(sdk + ': ' + (error && error.stack ? error.stack : error));
  process.exit(1);
}

// The three calls, each with its callback (older SDKs report per message through it).
function sendAll(client, callback) {
  client.identify({ userId, traits: { scenario, plan: 'pro' } }, callback);
  client.page({ userId, name: 'Docs', properties: { ...properties, path: '/docs', url: 'https://shop.example/docs' } }, callback);
  client.track({ userId, event: 'Order Completed', properties }, callback);
}

async function main() {
  if (sdk === 'segment-node') {
    const { Analytics } = require('@segment/analytics-node');
    const client = new Analytics({ writeKey, host: gateway });
    const failures = [];
    client.on('error', (error) => failures.push(error));
    sendAll(client, (error) => error && failures.push(error));
    await client.closeAndFlush();
    if (failures.length) fail(failures[0]);
  } else if (sdk === 'analytics-node') {
    const Analytics = require('analytics-node');
    const client = new Analytics(writeKey, { host: gateway, errorHandler: fail });
    await new Promise((resolve) => {
      sendAll(client, (error) => error && fail(error));
      client.flush((error) => (error ? fail(error) : resolve()));
    });
  } else if (sdk === 'rudder-node') {
    const Analytics = require('@rudderstack/rudder-sdk-node');
    const client = new Analytics(writeKey, { dataPlaneUrl: gateway, errorHandler: fail });
    await new Promise((resolve) => {
      sendAll(client, (error) => error && fail(error));
      client.flush((error) => (error ? fail(error) : resolve()));
    });
  } else {
    fail('unknown SDK ' + sdk);
  }
  console.log(sdk + ': delivered');
}

main().catch(fail);
