window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Ana",
            "screen_name" : "ana_m",
            "indices" : [
              "0",
              "6"
            ],
            "id_str" : "31337",
            "id" : "31337"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "7",
        "31"
      ],
      "favorite_count" : "1",
      "in_reply_to_status_id_str" : "1503311220000000000",
      "id_str" : "1503312345678901248",
      "in_reply_to_user_id" : "31337",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1503312345678901248",
      "in_reply_to_status_id" : "1503311220000000000",
      "created_at" : "Mon Mar 14 11:22:33 +0000 2022",
      "favorited" : false,
      "full_text" : "@ana_m Yes, sign-up is open now.",
      "lang" : "en",
      "in_reply_to_screen_name" : "ana_m",
      "in_reply_to_user_id_str" : "31337"
    }
  }
]
