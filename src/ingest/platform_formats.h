// The platform formats, each declared in its own header; platform.cc lists
// them in sniffing order.
#pragma once

#include "ingest/actblue.h"
#include "ingest/actionnetwork_csv.h"
#include "ingest/bluesky.h"
#include "ingest/civicrm.h"
#include "ingest/feed.h"
#include "ingest/mailchimp.h"
#include "ingest/mastodon.h"
#include "ingest/mastodon_archive.h"
#include "ingest/meta.h"
#include "ingest/mobilize.h"
#include "ingest/osdi.h"
#include "ingest/x_archive.h"
