"""English lines per contact topic (see topics.py for the topics themselves)."""

from __future__ import annotations

from cxqa.demo.phrasebook import TopicLines

TOPICS_EN: dict[str, TopicLines] = {
    "order_status": TopicLines(
        opening=(
            "Where is my order {code}?",
            "I ordered on {date_placed}, when will it arrive?",
            "Can you check the status of order {code}?",
            "Has my {product} been shipped yet?",
        ),
        answer=(
            "Your order {code} is at {hub} and should reach you on {date}.",
            "It has been handed to the courier; you'll receive it on {date}. The driver will "
            "call before delivery.",
        ),
        weak=("It's still in transit, please wait a bit longer.", "The system hasn't updated yet."),
        pending=("I need to confirm with {hub}; I'll get back to you before {time}.",),
        update=("Update: order {code} has left the warehouse and will arrive on {date}.",),
        reopen=("You said it was on its way but I still don't have it.",),
        subject=("Status of order {code}", "Where is my order?"),
    ),
    "late_delivery": TopicLines(
        opening=(
            "I ordered {days} days ago and it still hasn't arrived.",
            "Why is order {code} so late? I ordered on {date_placed}.",
            "The driver was supposed to come yesterday but never showed up.",
        ),
        answer=(
            "The delay is due to high volume after the sale. I've prioritised your parcel for "
            "delivery on {date}.",
            "I've asked {hub} to deliver today and added a {voucher} voucher for the "
            "inconvenience.",
        ),
        weak=("It's peak season, so please wait a little longer.",),
        pending=("I've asked the courier to check and will update you today.",),
        update=("Update: {hub} confirmed delivery of {code} before {time} on {date}.",),
        reopen=("Still nothing. You told me it would come yesterday.",),
        subject=("Late delivery of order {code}", "Order is late"),
    ),
    "refund": TopicLines(
        opening=(
            "I returned the item last week but haven't been refunded.",
            "Order {code} was cancelled, when do I get my {amount} back?",
            "Has the refund for {code} been processed?",
        ),
        ask=("Which bank account should we refund to?",),
        detail=("{bank}, please.", "My {bank} account."),
        answer=(
            "Your refund of {amount} for {code} is approved and will reach your {bank} account "
            "within 3-5 working days.",
            "We refunded {amount} to your {bank} account today, reference {txn}.",
        ),
        weak=("Refunds usually take 7-14 days.", "Accounting handles that, I can't check it."),
        pending=("I've sent your refund request to accounting; you'll hear back within 24h.",),
        update=("Update: accounting refunded {amount} to your {bank} account, reference {txn}.",),
        reopen=("The money still isn't in my account.",),
        subject=("Refund request for order {code}", "Refund not received"),
    ),
    "return_exchange": TopicLines(
        opening=(
            "I'd like to exchange the {product} for another size.",
            "Can I return the {product}? It doesn't suit me.",
        ),
        ask=("Would you like an exchange or a refund?",),
        detail=("An exchange for size L please.", "Just a refund, thanks."),
        answer=(
            "Returns are free within 7 days. A driver will pick it up on {date}; please keep the "
            "box and tags.",
        ),
        weak=("Please check the return policy on our website.",),
        pending=("I need the warehouse to confirm stock; I'll reply before {time}.",),
        update=("The warehouse confirmed; the exchange will happen on {date}.",),
        reopen=("Nobody came to pick up the item.",),
        subject=("Return request for {code}", "Exchange size"),
    ),
    "wrong_item": TopicLines(
        opening=(
            "I received the wrong item, I ordered a {product}.",
            "Order {code} is missing an item.",
        ),
        ask=("What did you receive? A photo would help.",),
        detail=("A black one instead of white.", "[Photo]"),
        answer=(
            "I've created a replacement for the {product}, arriving on {date}, and the driver "
            "will collect the wrong item at no cost.",
        ),
        weak=("Please send it back and we'll review it.",),
        pending=("I've asked the warehouse to check the packing video; reply within 24h.",),
        update=("The warehouse confirmed the mistake; the replacement ships on {date}.",),
        reopen=("The replacement is wrong too.",),
        subject=("Wrong item received - {code}",),
    ),
    "damaged": TopicLines(
        opening=("My {product} arrived broken.", "The {product} stopped working after one use."),
        ask=("Could you send a few photos of the damage?",),
        detail=("[Photo]", "Photos attached."),
        answer=(
            "I've approved a new {product} for you, delivered on {date}.",
            "I've approved a refund of {amount} for the damaged item.",
        ),
        weak=("Damage in transit is the courier's responsibility, please contact them.",),
        pending=("I've sent the photos to our warranty team; reply before {time}.",),
        update=("Warranty approved a replacement {product}, arriving on {date}.",),
        reopen=("The replacement is damaged as well.",),
        subject=("Damaged product - order {code}",),
    ),
    "payment": TopicLines(
        opening=(
            "I paid by bank transfer but the order still says unpaid.",
            "I was charged twice for order {code}.",
        ),
        ask=("Which bank account was charged, and when?",),
        detail=("{bank}, this morning.", "My {bank} account, yesterday."),
        answer=(
            "I've matched your payment of {amount}; order {code} is now marked as paid, and any "
            "extra charge will be refunded within 3-5 working days.",
            "I've asked the bank to return the {amount} charged by mistake to your {bank} account.",
        ),
        weak=("Please contact your bank.",),
        pending=("Accounting needs to reconcile the payment; I'll update you before {time}.",),
        update=("Accounting confirmed transaction {txn}; order {code} is paid.",),
        reopen=("It still says unpaid.",),
        subject=("Payment issue with order {code}", "Charged twice"),
    ),
    "promotion": TopicLines(
        opening=(
            "The voucher {voucher} doesn't work.",
            "The free shipping code won't apply to my cart.",
        ),
        ask=("How much is in your cart at the moment?",),
        detail=("About {amount}.", "{amount}."),
        answer=(
            "{voucher} applies to orders from 299,000 VND; add an item and it will work.",
            "I've sent you a new {voucher} code, valid until {date}.",
        ),
        weak=("The voucher has run out, sorry.",),
        pending=("I'll check with marketing and reply before {time}.",),
        update=("Marketing approved it; here is {voucher}, valid until {date}.",),
        reopen=("The new code doesn't work either.",),
        subject=("Voucher not working", "Question about the promotion"),
    ),
    "cancel": TopicLines(
        opening=("I want to cancel my order.", "Please cancel order {code}, I ordered by mistake."),
        answer=(
            "Order {code} is cancelled. Any payment will be refunded within 3-5 working days.",
        ),
        weak=("It has already shipped so I can't cancel it; please refuse the delivery.",),
        pending=("I've requested the cancellation; I'll confirm before {time}.",),
        update=("The warehouse stopped the shipment; {code} is cancelled.",),
        reopen=("The driver is still trying to deliver the cancelled order.",),
        subject=("Cancel order {code}",),
    ),
    "complaint": TopicLines(
        opening=(
            "I want to complain about your delivery driver.",
            "The driver marked my parcel as failed without even calling me.",
        ),
        ask=("Could you tell me exactly what happened?",),
        detail=("He was very rude and made me come down to the gate.",),
        answer=(
            "I've logged your complaint; the team will follow up within 48 hours. Here is a "
            "{voucher} voucher as an apology.",
        ),
        weak=("Drivers are a partner company, so I can't do anything about it.",),
        pending=("I've escalated this to a manager; you'll hear back within 24 hours.",),
        update=("The {hub} manager has spoken with the driver and apologises.",),
        reopen=("The same driver came again today and was just as rude.",),
        subject=("Complaint about delivery driver",),
    ),
    "address_change": TopicLines(
        opening=("Can I change the delivery address for {code}?",),
        ask=("What is the new address?",),
        detail=("{address}",),
        answer=("Updated; order {code} will be delivered to the new address on {date}.",),
        weak=("It's already out for delivery, so the address can't be changed.",),
        pending=("The post office needs to confirm; I'll tell you before {time}.",),
        update=("Confirmed, {code} will go to the new address on {date}.",),
        reopen=("The driver went to the old address.",),
        subject=("Change delivery address for {code}",),
    ),
    "redelivery": TopicLines(
        opening=("I missed the driver's call, can you deliver again?",),
        ask=("What time suits you best?",),
        detail=("After 5pm please.", "Any time in the morning."),
        answer=("Redelivery of {code} is booked for {time} on {date}; the driver calls ahead.",),
        weak=("After three failed attempts the parcel goes back to the shop.",),
        pending=("I've asked the post office to reschedule; I'll call back before {time}.",),
        update=("The post office confirmed redelivery of {code} on {date}.",),
        reopen=("Nobody came for the redelivery.",),
        subject=("Redelivery of {code}",),
    ),
    "product_question": TopicLines(
        opening=(
            "Is the {product} in stock?",
            "How long is the warranty on the {product}?",
            "How much is the {product}?",
        ),
        answer=(
            "Yes, the {product} is in stock at {amount}, with a 12-month warranty and free "
            "shipping.",
            "It's available in all sizes at {amount}, with a 7-day replacement for defects.",
        ),
        weak=("Please check our website.",),
        pending=("I'll check stock and reply before {time}.",),
        update=("The {product} is in stock at {amount}.",),
        reopen=("The website says out of stock now?",),
        subject=("Question about {product}",),
    ),
}
