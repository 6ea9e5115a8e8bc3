window.YTD.direct-messages.part0 = [{"dmConversation":{}}]
