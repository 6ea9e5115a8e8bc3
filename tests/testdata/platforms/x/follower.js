window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "2750114412",
      "userLink" : "https://twitter.com/intent/user?user_id=2750114412"
    }
  },
  {
    "follower" : {
      "accountId" : "1402117330158227458",
      "userLink" : "https://twitter.com/intent/user?user_id=1402117330158227458"
    }
  },
  {
    "follower" : {
      "accountId" : "99812233",
      "userLink" : "https://twitter.com/intent/user?user_id=99812233"
    }
  },
  {
    "follower" : {
      "accountId" : "31337",
      "userLink" : "https://twitter.com/intent/user?user_id=31337"
    }
  }
]
