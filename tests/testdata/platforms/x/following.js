window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "18231111",
      "userLink" : "https://twitter.com/intent/user?user_id=18231111"
    }
  },
  {
    "following" : {
      "accountId" : "783214",
      "userLink" : "https://twitter.com/intent/user?user_id=783214"
    }
  }
]
