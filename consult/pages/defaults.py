"""The texts of the built-in pages (terms of use, moderation charter) until the platform
admin writes their own: a new installation links to them from its first page on.

The French texts follow French typography: the apostrophe ’, a no-break space before « : » and
inside « », a narrow no-break space before « ; », « ? » and « ! » (invisible here: they are
checked by the tests)."""
from .statement import STATEMENT

# What the terms say about contributions and votes. Votes are secret, as the results page says:
# only totals are published.
CONTRIBUTIONS_FR = """- Vos propositions et commentaires sont publics, signés du nom que vous avez choisi. Votre adresse e-mail n’est jamais affichée.
- Vos votes sont secrets : seuls les totaux sont publiés. Personne, pas même les agents de la collectivité, ne peut voir qui a voté pour quoi."""
CONTRIBUTIONS_EN = """- Your proposals and comments are public, signed with the name you chose. Your email address is never shown.
- Your votes are secret: only the totals are published. Nobody, not even the staff of the local authority, can see who voted for what."""

# What the terms say about one's rights over one's data: exercised from the account page.
DATA_FR = """- Depuis votre compte (« Mon compte »), vous pouvez corriger votre nom et votre adresse e-mail, télécharger toutes les données qui vous concernent et supprimer votre compte. Pour toute autre demande, écrivez à la collectivité qui organise la consultation{CONTACT}."""
DRAFTS_FR = """- Pendant que vous remplissez un formulaire (une proposition, un commentaire, un signalement…), votre navigateur garde sur cet appareil ce que vous y écrivez et choisissez (le texte, une catégorie, votre position…) jusqu’à son envoi, pour que rien ne soit perdu si la page se ferme ou si la connexion se coupe. Rien de cela ne quitte l’appareil. Tout est effacé une fois le formulaire envoyé, quand vous vous déconnectez, ou au bout d’une semaine."""
DATA_EN = """- From your account ("My account"), you may correct your name and email address, download all the data about you and delete your account. For any other request, write to the local authority running the consultation{CONTACT}."""
DRAFTS_EN = """- While you fill in a form (a proposal, a comment, a report…), your browser keeps on this device what you write and choose in it (the text, a category, your position…) until it is sent, so that nothing is lost if the page closes or the connection drops. None of it leaves the device. It is all erased once the form is sent, when you sign out, or after a week."""
# {CONTACT}, in what the terms say of other requests: where the platform team may be written to,
# when the platform has an address (CONTACT_EMAIL); nothing otherwise.
CONTACT = {"fr": ", ou à l’équipe de la plateforme à l’adresse <{email}>", "en": ", or to the platform team at <{email}>"}

ACCOUNT_FR = "- Un compte demande une adresse e-mail valide, que vous confirmez avant de participer."

TERMS_FR = f"""{{PLATFORM}} est une plateforme de participation citoyenne : les collectivités y ouvrent des
consultations, et les habitantes et habitants y proposent des idées, en débattent et votent.

## Votre compte

{ACCOUNT_FR}
- Vous choisissez le nom affiché avec vos contributions. Vous êtes responsable de ce que vous publiez.
- Vous pouvez modifier vos informations et votre langue dans votre espace personnel.

## Vos contributions

{CONTRIBUTIONS_FR}
- Vous vous engagez à respecter la [charte de modération](/pages/charter).
- Une contribution contraire à la charte peut être masquée ; vous en êtes informé avec le motif, et vous pouvez faire appel une fois.

## Vos données

- Les données servent uniquement au fonctionnement des consultations. Elles ne sont ni vendues ni cédées.
{DATA_FR}
{DRAFTS_FR}

## Accessibilité

La plateforme vise la conformité au RGAA. Consultez la [déclaration d’accessibilité](/accessibility).
"""

TERMS_EN = f"""{{PLATFORM}} is a citizen participation platform: local authorities open consultations, and
residents propose ideas, discuss them and vote.

## Your account

- An account needs a valid email address, which you confirm before taking part.
- You choose the name shown with your contributions. You are responsible for what you publish.
- You can change your details and your language in your personal space.

## Your contributions

{CONTRIBUTIONS_EN}
- You agree to follow the [moderation charter](/pages/charter).
- A contribution that breaks the charter may be hidden; you are told why, and you may appeal once.

## Your data

- Data is used only to run the consultations. It is never sold or passed on.
{DATA_EN}
{DRAFTS_EN}

## Accessibility

The platform aims to comply with the RGAA. Read the [accessibility statement](/accessibility).
"""

# What the charter says of reporting: once per item, and what the reporter hears of it
# (consult/notifications/report_outcomes.py).
REPORTING_FR = "- Toute personne inscrite peut signaler un contenu, une fois par contenu, en choisissant une règle."
REPORT_OUTCOME_FR = ("- Chaque personne qui signale un contenu apprend si son signalement a conduit à une mesure, "
                     "mais pas qui a décidé ni quelle sanction a été prise.")
REPORTING_EN = "- Anyone signed in may report a content, once per content, by choosing a rule."
REPORT_OUTCOME_EN = ("- Whoever reports something learns whether their report led to action, but not who decided "
                     "or which sanction was taken.")

CHARTER_FR = f"""Cette charte fixe les règles du débat sur {{PLATFORM}}. Elle s’applique aux propositions,
aux commentaires et aux profils. Les modératrices et modérateurs de chaque territoire la font respecter.

## Ce qui n’est pas accepté

Chaque signalement indique l’une de ces règles :

1. **Spam** (`spam`) : publicité, messages répétés ou sans rapport avec un débat.
2. **Insulte ou harcèlement** (`harassment`) : attaques personnelles, menaces, acharnement contre une personne.
3. **Discours de haine** (`hate`) : propos qui visent une personne ou un groupe pour son origine, sa religion, son sexe, son orientation sexuelle, son handicap ou son âge.
4. **Hors sujet** (`off_topic`) : contribution sans lien avec la consultation.
5. **Données personnelles** (`personal_data`) : adresse, téléphone, informations privées d’une autre personne.
6. **Contenu illégal** (`illegal`) : tout contenu interdit par la loi (diffamation, incitation à la violence, contrefaçon…).
7. **Autre** (`other`) : tout autre manquement, expliqué par la personne qui signale.

## Comment se passe la modération

{REPORTING_FR}
{REPORT_OUTCOME_FR}
- Quand un contenu reçoit assez de signalements, il est masqué en attendant l’examen d’une modératrice ou d’un modérateur.
- Un contenu masqué laisse une mention « Masqué par la modération » avec le motif : les échanges restent lisibles.
- Certaines consultations examinent les contributions avant publication.

## Vos droits

- **Motivation** : si votre contribution est masquée ou refusée, vous recevez la règle appliquée et l’explication de la décision.
- **Appel** : vous pouvez contester chaque décision une fois, avec un message. Une autre personne de l’équipe de modération, ou une administratrice ou un administrateur du territoire, réexamine la décision, la confirme ou l’annule. Vous êtes informé du résultat.
- Aucune personne ne modère ses propres contributions.
- Chaque décision est enregistrée dans un journal consultable par la collectivité.
"""

CHARTER_EN = f"""This charter sets the rules of debate on {{PLATFORM}}. It applies to proposals, comments and
profiles. The moderators of each territory enforce it.

## What is not accepted

Every report names one of these rules:

1. **Spam** (`spam`): advertising, repeated messages or messages unrelated to any debate.
2. **Insult or harassment** (`harassment`): personal attacks, threats, hounding someone.
3. **Hate speech** (`hate`): targeting a person or group for their origin, religion, sex, sexual orientation, disability or age.
4. **Off-topic** (`off_topic`): a contribution unrelated to the consultation.
5. **Personal data** (`personal_data`): someone else's address, phone number or private information.
6. **Illegal content** (`illegal`): anything the law forbids (defamation, incitement to violence, counterfeiting…).
7. **Other** (`other`): any other breach, explained by the person reporting it.

## How moderation works

{REPORTING_EN}
{REPORT_OUTCOME_EN}
- When a content receives enough reports, it is hidden until a moderator reviews it.
- Hidden content leaves a "Hidden by moderation" notice with the reason, so that discussions stay readable.
- Some consultations review contributions before they are published.

## Your rights

- **Statement of reasons**: if your contribution is hidden or rejected, you receive the rule applied and the explanation of the decision.
- **Appeal**: you may contest each decision once, with a message. Another moderator, or an admin of the territory, reviews the decision and confirms or reverses it. You are told the outcome.
- Nobody moderates their own contributions.
- Every decision is recorded in a log the local authority can consult.
"""

# {slug: (title, body)}: what a built-in page says until the platform admin writes it
# ({PLATFORM}: the platform's name, {CONTACT}: its team's address; services.filled_in).
DEFAULTS = {
    "terms": ({"fr": "Conditions d’utilisation", "en": "Terms of use"}, {"fr": TERMS_FR, "en": TERMS_EN}),
    "charter": ({"fr": "Charte de modération", "en": "Moderation charter"}, {"fr": CHARTER_FR, "en": CHARTER_EN}),
    "accessibility": STATEMENT,
}
