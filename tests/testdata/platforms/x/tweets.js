window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1626954832216100865"
          ],
          "editableUntil" : "2023-02-18T13:03:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Cleanup",
            "indices" : [
              "0",
              "8"
            ]
          },
          {
            "text" : "VolunteerDay",
            "indices" : [
              "79",
              "92"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Dana Kowalski",
            "screen_name" : "dana_k",
            "indices" : [
              "56",
              "63"
            ],
            "id_str" : "1402117330158227458",
            "id" : "1402117330158227458"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "113"
      ],
      "favorite_count" : "1204",
      "id_str" : "1626954832216100865",
      "truncated" : false,
      "retweet_count" : "37",
      "id" : "1626954832216100865",
      "created_at" : "Sat Feb 18 12:33:11 +0000 2023",
      "favorited" : false,
      "full_text" : "#Cleanup at Riverside Park: 40 bags of litter &amp; a sofa. Thank you @dana_k &lt;3 #VolunteerDay &#x1F33F;",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1627203914883239936"
          ],
          "editableUntil" : "2023-02-19T10:05:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Thanks",
            "indices" : [
              "44",
              "51"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Ben Rivera",
            "screen_name" : "Ben_Rivera",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "2750114412",
            "id" : "2750114412"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "12",
        "51"
      ],
      "favorite_count" : "3",
      "in_reply_to_status_id_str" : "1627190011234566144",
      "id_str" : "1627203914883239936",
      "in_reply_to_user_id" : "2750114412",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1627203914883239936",
      "in_reply_to_status_id" : "1627190011234566144",
      "created_at" : "Sun Feb 19 09:05:00 +0000 2023",
      "favorited" : false,
      "full_text" : "@Ben_Rivera We&#39;d love that, see you Saturday! #Thanks",
      "lang" : "en",
      "in_reply_to_screen_name" : "Ben_Rivera",
      "in_reply_to_user_id_str" : "2750114412"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1627260018223337473"
          ],
          "editableUntil" : "2023-02-19T13:48:01.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "City Parks Dept",
            "screen_name" : "cityparks",
            "indices" : [
              "3",
              "13"
            ],
            "id_str" : "18231111",
            "id" : "18231111"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "97"
      ],
      "favorite_count" : "0",
      "id_str" : "1627260018223337473",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1627260018223337473",
      "created_at" : "Sun Feb 19 12:48:01 +0000 2023",
      "favorited" : false,
      "full_text" : "RT @cityparks: Riverside Park reopens Monday &amp; the new benches are in. Thanks to all volunteers!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1626955390072717312"
          ],
          "editableUntil" : "2023-02-18T13:05:24.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "71"
      ],
      "favorite_count" : "88",
      "in_reply_to_status_id_str" : "1626954832216100865",
      "id_str" : "1626955390072717312",
      "in_reply_to_user_id" : "1187331210",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1626955390072717312",
      "in_reply_to_status_id" : "1626954832216100865",
      "created_at" : "Sat Feb 18 12:35:24 +0000 2023",
      "favorited" : false,
      "full_text" : "Next cleanup: March 4, 10:00, meet at the boathouse. Gloves provided.",
      "lang" : "en",
      "in_reply_to_screen_name" : "GreenStreetsOrg",
      "in_reply_to_user_id_str" : "1187331210"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1627611742069985280"
          ],
          "editableUntil" : "2023-02-20T13:05:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "cleanup",
            "indices" : [
              "30",
              "38"
            ]
          },
          {
            "text" : "CLEANUP",
            "indices" : [
              "39",
              "47"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Green Streets",
            "screen_name" : "GreenStreetsOrg",
            "indices" : [
              "48",
              "64"
            ],
            "id_str" : "1187331210",
            "id" : "1187331210"
          },
          {
            "name" : "Mo Haddad",
            "screen_name" : "mohaddad",
            "indices" : [
              "69",
              "78"
            ],
            "id_str" : "99812233",
            "id" : "99812233"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "78"
      ],
      "favorite_count" : "12",
      "id_str" : "1627611742069985280",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1627611742069985280",
      "created_at" : "Mon Feb 20 12:35:40 +0000 2023",
      "favorited" : false,
      "full_text" : "Photos from Saturday&quot;s #cleanup #CLEANUP @GreenStreetsOrg with @mohaddad",
      "lang" : "en"
    }
  }
]
