window.YTD.like.part0 = [
  {
    "like" : {
      "tweetId" : "1627190011234566144",
      "fullText" : "Count me in for Saturday's cleanup! @GreenStreetsOrg",
      "expandedUrl" : "https://twitter.com/i/web/status/1627190011234566144"
    }
  },
  {
    "like" : {
      "tweetId" : "1626988120011223040",
      "fullText" : "Riverside looks amazing today https://t.co/Ab12Cd34Ef",
      "expandedUrl" : "https://twitter.com/i/web/status/1626988120011223040"
    }
  },
  {
    "like" : {
      "tweetId" : "1626001122334455667"
    }
  }
]
