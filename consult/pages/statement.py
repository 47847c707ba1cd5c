"""The accessibility statement the platform comes with, until the platform admin writes the
statement of their own site: it describes the software as delivered, as it was checked.

{PLATFORM}, {ADDRESS} and {STATEMENT_CONTACT} are filled in when it is shown (services.filled_in).
The French text follows French typography, as the other default pages do."""

STATEMENT_FR = """> Cette déclaration décrit le logiciel de la plateforme tel qu’il est livré. {PLATFORM}, qui publie ce site, doit la compléter avec son propre audit d’accessibilité (date, pages vérifiées, résultats) avant de la faire sienne.

L’éditeur de ce site, {PLATFORM}, s’engage à rendre son site internet accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.

Cette déclaration d’accessibilité s’applique à la plateforme {ADDRESS}.

## État de conformité

Ce site est **non conforme** au référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, fondé sur les règles WCAG 2.1 de niveau AA : tant qu’aucun audit de conformité n’a été réalisé, c’est ce que le RGAA demande de déclarer. Les vérifications internes, les non-conformités connues et les dérogations sont décrites ci-dessous.

## Résultats des tests

Aucun audit RGAA complet n’a encore été réalisé par un organisme indépendant. Les vérifications internes décrites ci-dessous portent sur les principales pages et les principaux parcours de la plateforme ; elles ne relèvent aucune non-conformité grave ou critique aux règles WCAG 2.1 de niveaux A et AA que les outils automatiques savent détecter.

## Contenus non accessibles

### Non-conformités

- Certains critères ne peuvent être vérifiés que par une personne (pertinence des alternatives textuelles, clarté des intitulés de liens, ordre de lecture avec un lecteur d’écran) : ils n’ont pas tous été vérifiés sur chaque page.
- Les pages ajoutées récemment n’ont peut-être pas encore été testées.

### Contenus non soumis à l’obligation d’accessibilité

- Les images et documents envoyés par les contributrices et contributeurs (logos, illustrations de propositions) peuvent ne pas avoir d’alternative textuelle utile.
- Les contenus des sites tiers vers lesquels la plateforme renvoie.

## Établissement de cette déclaration

Cette déclaration a été établie le 29 novembre 2026, pour le logiciel tel qu’il est livré.

### Technologies utilisées

HTML5 et CSS. JavaScript n’est qu’une amélioration : toutes les fonctionnalités fonctionnent sans lui.

### Comment la plateforme a été testée

- Audits automatiques avec axe-core, lancés dans un vrai navigateur (Chromium) sur chaque page des parcours testés, selon les règles WCAG 2.1 de niveaux A et AA.
- Validation du code HTML de ces mêmes pages avec le Nu HTML Checker.
- Vérifications au clavier seul (Tab, Entrée, Espace), avec un focus visible, et sur un petit écran (375 × 667 pixels) sans défilement horizontal.

### Pages vérifiées

- Accueil, liste des consultations, une consultation, une proposition et les résultats
- Création de compte, connexion et espace personnel
- Pages de modération et d’administration
- Conditions d’utilisation, charte de modération et cette déclaration

## Retour d’information et contact

Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’éditeur de la plateforme : il vous orientera vers une alternative accessible ou vous fournira le contenu sous une autre forme. Écrivez à {STATEMENT_CONTACT}.

## Voies de recours

Si vous avez signalé à l’éditeur un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service de la plateforme et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :

- [écrire un message au Défenseur des droits](https://formulaire.defenseurdesdroits.fr/) ;
- [contacter le délégué ou la déléguée du Défenseur des droits dans votre région](https://www.defenseurdesdroits.fr/carte-des-delegues) ;
- envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :\\
  Défenseur des droits\\
  Libre réponse 71120\\
  75342 Paris CEDEX 07
"""

STATEMENT_EN = """> This statement describes the platform's software as delivered. {PLATFORM}, which publishes this site, has to complete it with its own accessibility audit (date, pages checked, results) before making it its own.

The publisher of this site, {PLATFORM}, is committed to making its website accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.

This accessibility statement applies to the platform {ADDRESS}.

## Compliance status

This website is **not compliant** with the French accessibility framework RGAA, version 4.1, which is based on the WCAG 2.1 guidelines at level AA: as long as no compliance audit has been carried out, this is what the RGAA requires a site to declare. The internal checks, the known non-compliances and the exemptions are described below.

## Test results

No complete RGAA audit by an independent organisation has been carried out yet. The internal checks described below cover the main pages and journeys of the platform; they find no serious or critical violation of the WCAG 2.1 A and AA rules that automated tools can detect.

## Non-accessible content

### Non-compliances

- Some criteria can only be checked by a person (relevance of text alternatives, clarity of link texts, reading order with a screen reader): they have not all been checked on every page.
- Pages added recently may not have been tested yet.

### Content not subject to the accessibility requirement

- Images and documents sent by contributors (logos, illustrations of proposals) may lack a useful text alternative.
- Content from third-party websites linked from the platform.

## Preparation of this statement

This statement was prepared on 29 November 2026, for the software as delivered.

### Technologies used

HTML5 and CSS. JavaScript is only an enhancement: every feature works without it.

### How the platform was tested

- Automated audits with axe-core, run in a real browser (Chromium) on every page of the tested journeys, against the WCAG 2.1 A and AA rules.
- Validation of the HTML of the same pages with the Nu HTML Checker.
- Checks with the keyboard alone (Tab, Enter, Space), with a visible focus, and on a small screen (375 × 667 pixels) without horizontal scrolling.

### Pages checked

- Home page, list of consultations, a consultation, a proposal and the results
- Account creation, sign-in and the personal space
- Moderation and administration pages
- Terms of use, moderation charter and this statement

## Feedback and contact

If you cannot access some content or a service, contact the publisher of the platform: you will be directed to an accessible alternative or given the content in another form. Write to {STATEMENT_CONTACT}.

## Remedies

If you reported an accessibility defect to the publisher, one that prevents you from accessing some content or a service of the platform, and did not receive a satisfactory answer, you may:

- [write a message to the Défenseur des droits (French rights ombudsman)](https://formulaire.defenseurdesdroits.fr/);
- [contact the delegate of the Défenseur des droits in your region](https://www.defenseurdesdroits.fr/carte-des-delegues);
- send a letter by post (free of charge, no stamp needed):\\
  Défenseur des droits\\
  Libre réponse 71120\\
  75342 Paris CEDEX 07
"""

# Whom the statement tells readers to write to, when the platform has no contact address.
NO_CONTACT = {"fr": "l’adresse de contact indiquée par votre collectivité",
              "en": "the contact address given by your local authority"}

# (title, body), as the other default pages.
STATEMENT = ({"fr": "Déclaration d’accessibilité", "en": "Accessibility statement"},
             {"fr": STATEMENT_FR, "en": STATEMENT_EN})
