"""English phrases, for the expats and foreign customers who write in English."""

from __future__ import annotations

from cxqa.demo.phrasebook import AgentLines, CurtLines, CustomerLines, PhraseBook
from cxqa.demo.topics_en import TOPICS_EN

CUSTOMER = CustomerLines(
    hello=("Hi", "Hello", "Hi there", "Good morning", "Hey"),
    phone_hello=("Hello, hi.", "Hi, do you speak English?", "Hello, I'm calling about my order."),
    give_code=(
        "It's {code}",
        "{code}",
        "Order number {code}",
        "Sure: {code}",
        "The code is {code}, thanks",
    ),
    angry=("This is ridiculous.", "I'll leave a 1-star review.", "Really disappointed."),
    angry_again=(
        "Is anyone actually going to fix this?",
        "So what am I supposed to do now?",
        "Every time the same problem.",
        "I want to cancel my order!",
    ),
    thanks=(
        "Ok, thank you.",
        "Great, thanks a lot!",
        "Alright, thanks for your help.",
        "Perfect, thank you.",
        "Ok cool, thanks.",
    ),
    unsatisfied=(
        "So what should I do then?",
        "Fine, I'll wait I guess.",
        "That doesn't really help.",
        "Ok whatever.",
    ),
    done=("No, that's all.", "That's everything, thanks.", "Nope, all good.", "No, thank you."),
    repeat=(
        "This is the second time I'm contacting you about this.",
        "I asked yesterday and still nothing has happened.",
        "Your colleague promised to fix this but it's still not done.",
    ),
    callback=(
        "Hi, I called earlier but nobody picked up.",
        "I've been trying to get through for a while.",
    ),
    correction=(
        "No, my order is {code}.",
        "That's not my order, I asked about {code}.",
        "You're looking at the wrong one, it's {code}.",
    ),
    bot_choice=("4", "Talk to an agent", "human please", "1", "agent"),
)

AGENT = AgentLines(
    greet_written=(
        "Hi {customer}, this is {agent} from {brand}.",
        "Hello {customer}, thanks for contacting {brand}! My name is {agent}.",
        "Hi {customer}, {agent} here from the {brand} customer care team.",
    ),
    greet_email=(
        "Dear {customer},\n\nThank you for writing to {brand}. My name is {agent}.",
        "Hi {customer},\n\nThis is {agent} from {brand} customer care.",
    ),
    greet_phone=(
        "Thank you for calling {brand}, this is {agent} speaking. How can I help you?",
        "{brand}, {agent} speaking, how may I help you today?",
    ),
    bare_phone=("Hello?", "Yes?"),
    ask_code=(
        "Could you please share your {code_kind} so I can check?",
        "May I have your {code_kind} or the phone number used for the order?",
        "Please send me your {code_kind} and I'll look into it right away.",
    ),
    checking=(
        "Thank you, please give me a moment to check.",
        "Let me look into order {code} for you, one moment please.",
        "Thanks, I'm checking that now.",
    ),
    hold=(
        "Could you please hold for a moment while I check?",
        "Would you mind holding for about a minute while I look this up?",
    ),
    hold_back=("Thank you for holding.", "Sorry for keeping you waiting."),
    apology=(
        "I'm really sorry for the inconvenience.",
        "I sincerely apologise for this experience.",
        "I completely understand your frustration, and I'm sorry about this.",
    ),
    closing_ask=("Is there anything else I can help you with?", "Anything else I can do for you?"),
    closing=(
        "Thank you for contacting {brand}. Have a great day!",
        "Thanks for your patience, {customer}. Have a lovely {daypart}!",
        "Thank you for choosing {brand}. Feel free to message us anytime.",
    ),
    mistake=(
        "Order {wrong_code} was delivered yesterday.",
        "I see that order {wrong_code} was cancelled last week.",
    ),
    mistake_fix=(
        "Apologies, I was looking at the wrong order. Let me check {code}.",
        "Sorry about that, I mixed up the order numbers. Checking again now.",
    ),
    transfer_out=(
        "Our {team} can help you better with this, let me transfer you.",
        "I'm passing your request to our {team} so they can sort it out.",
    ),
    transfer_in=(
        "Hi {customer}, this is {agent} from the {team}. I have the details of order {code}.",
        "Hello, {agent} from the {team} here, I'm taking over your request.",
    ),
    reopen_sorry=("I'm sorry about that, let me check again right away.",),
    notes=(
        "Customer says order {code} not received, ticket opened with the warehouse.",
        "Sent to back office for the {amount} refund on {code}.",
        "Customer upset, call back today.",
        "Check with the courier at {hub}.",
    ),
)

CURT = CurtLines(
    pickup=("Yeah.", "Hello."),
    ask_code=("Order number?", "Code."),
    checking=("Wait.", "Checking."),
    mistake=("{wrong_code} was delivered.",),
    resolved=("Done.", "Fixed.", "Tomorrow."),
    unresolved=("Don't know. Ask the courier.", "That's what the system says.", "Can't do that."),
    push_back=("I already told you.", "Just wait."),
    close=("That's it.",),
)

EN = PhraseBook(
    language="en",
    customer=CUSTOMER,
    agent=AGENT,
    curt=CURT,
    bot_greeting=(
        "Hi! This is the {brand} bot 🤖. I can help with: 1. Order tracking 2. Returns & refunds "
        "3. Promotions 4. Talk to an agent",
        "Welcome to {brand}! I'm the virtual assistant. Please choose what you need help with.",
    ),
    bot_handoff=(
        "I'm connecting you with one of our agents, please wait a moment.",
        "Transferring you to a customer care agent now.",
    ),
    bot_name="Sen Vàng Bot",
    team_labels={
        "cskh-shop": "customer care team",
        "giao-hang": "delivery team",
        "mang-xa-hoi": "online support team",
        "email-bo": "refunds and complaints team",
    },
    code_kinds={"order": "order number", "tracking": "tracking number"},
    dayparts={"morning": "morning", "afternoon": "afternoon", "evening": "evening"},
    survey_comments={
        "great": ("{agent} was super helpful, thanks!", "Quick and friendly support."),
        "slow": ("Took forever to get a reply.", "Waited way too long."),
        "curt": ("The agent was rude.", "Very unfriendly answers."),
        "unresolved": ("My problem is still not solved.", "Nobody could help me."),
        "no_apology": ("Late delivery and not even an apology.",),
        "meh": ("Ok.", "Fine."),
    },
    topics=TOPICS_EN,
)
