"""Texts of the demonstration consultations (French first, English translations).

Phases are given in days relative to the day the demo is loaded: (kind, start, end).
Proposals are (category index, title, body), written in French by residents.
"""

RESIDENTS = [
    ("claire@example.org", "Claire Petit"),
    ("david@example.org", "David Moreau"),
    ("emma@example.org", "Emma Leroy"),
    ("farid@example.org", "Farid Benali"),
    ("gaelle@example.org", "Gaëlle Roux"),
    ("hugo@example.org", "Hugo Lambert"),
    ("ines@example.org", "Inès Garnier"),
    ("julien@example.org", "Julien Faure"),
    ("karima@example.org", "Karima Haddad"),
    ("louis@example.org", "Louis Mercier"),
]

# The Métropole's own staff account, to run and answer its consultations.
METROPOLE_ADMIN = ("metropole@example.org", "Service participation — Métropole")

CONSULTATIONS = [
    {
        "territory": "villeneuve-sur-lot",
        "title": {"fr": "Budget participatif : vos projets pour Villeneuve",
                  "en": "Participatory budget: your projects for Villeneuve"},
        "summary": {"fr": "200 000 € pour réaliser les projets proposés et choisis par les habitantes et habitants.",
                    "en": "€200,000 to carry out projects proposed and chosen by residents."},
        "description": {
            "fr": "La commune consacre **200 000 €** de son budget d'investissement à des projets "
                  "imaginés par vous.\n\n"
                  "## Comment ça marche ?\n\n"
                  "1. Jusqu'à la fin de la phase de propositions, déposez vos idées.\n"
                  "2. Les services vérifient leur faisabilité (coût, compétence communale).\n"
                  "3. Vous votez pour vos projets préférés : les plus soutenus sont réalisés l’année suivante.\n\n"
                  "Un projet doit relever de l'intérêt général et coûter moins de 50 000 €.",
            "en": "The town devotes **€200,000** of its investment budget to projects imagined by you.\n\n"
                  "## How does it work?\n\n"
                  "1. Until the end of the proposals phase, post your ideas.\n"
                  "2. The town's services check they are feasible (cost, municipal powers).\n"
                  "3. You vote for your favourite projects: the most supported are carried out the following year.\n\n"
                  "A project must serve the public interest and cost less than €50,000.",
        },
        "themes": ["public_space", "environment", "culture"],
        "categories": [("Cadre de vie", "Living environment"), ("Mobilité", "Mobility"),
                       ("Solidarité", "Solidarity"), ("Nature en ville", "Nature in town")],
        "phases": [("information", -25, -15), ("proposals", -15, 20), ("vote", 20, 40), ("results", 40, 90)],
        "settings": {"vote_mode": "support", "max_votes": 5, "support_threshold": 5,
                     "supports_during_proposals": True, "max_proposals_per_person": 3},
        "votes": 55, "comments": 14,
        "proposals": [
            (0, "Des bancs et de l'ombre sur la place Lafayette",
             "La place est très minérale et il n'y a presque aucun endroit pour s'asseoir. Je propose "
             "d'installer une dizaine de bancs et de planter des arbres pour faire de l'ombre l'été."),
            (1, "Une piste cyclable sécurisée vers le lycée Georges-Leygues",
             "Beaucoup d'élèves viennent à vélo mais l'avenue est dangereuse aux heures de pointe. "
             "Une piste séparée de la chaussée permettrait aux familles de laisser les enfants y aller seuls."),
            (3, "Un verger partagé au parc Saint-Cyr",
             "Planter une vingtaine d'arbres fruitiers (pommiers, poiriers, pruniers d'Ente) que chacun "
             "pourrait entretenir et récolter, avec des ateliers de taille organisés par une association."),
            (2, "Une boîte à dons couverte dans chaque quartier",
             "Des petites armoires en bois où déposer livres, vêtements et objets en bon état. Cela "
             "existe dans d'autres villes et crée du lien entre voisins."),
            (0, "Des toilettes publiques accessibles en centre-ville",
             "Il n'existe qu'un seul sanitaire public, souvent fermé. Les personnes âgées et les "
             "familles avec de jeunes enfants hésitent à venir au marché à cause de cela."),
            (1, "Des arceaux vélo devant les commerces de la bastide",
             "On ne sait jamais où attacher son vélo dans la bastide. Quelques arceaux devant la "
             "halle, la médiathèque et les boulangeries suffiraient à changer les habitudes."),
            (3, "Végétaliser la cour de l'école Jules-Ferry",
             "Remplacer une partie du bitume par de la pelouse, des arbres et un petit potager. Les "
             "cours d'école deviennent des fournaises en juin ; c'est aussi un projet pédagogique."),
            (2, "Un frigo solidaire près du centre social",
             "Un réfrigérateur en libre-service où commerçants et particuliers déposent les "
             "invendus et les surplus, pour lutter contre le gaspillage et aider ceux qui en ont besoin."),
            (0, "Éclairer le chemin de halage le soir",
             "Le chemin le long du Lot est très agréable mais il est plongé dans le noir dès 18 h en "
             "hiver. Un éclairage bas et économe, déclenché par détecteur, rassurerait les promeneurs."),
            (1, "Une navette gratuite le jour du marché",
             "Le mardi et le samedi, une petite navette électrique pourrait relier les quartiers "
             "périphériques au centre. Beaucoup de personnes sans voiture renoncent au marché."),
            (3, "Des nichoirs et un hôtel à insectes dans les parcs",
             "Installer des nichoirs à mésanges et à martinets et un hôtel à insectes, avec un "
             "panneau expliquant la biodiversité locale aux enfants."),
            (2, "Un atelier de réparation de vélos ouvert à tous",
             "Un local avec des outils et des bénévoles pour apprendre à réparer son vélo, une fois "
             "par semaine. Cela rendrait le vélo accessible aux jeunes et aux petits budgets."),
            (0, "Une fontaine à eau potable au skate-park",
             "Les jeunes passent des après-midi entiers au skate-park sans point d'eau à proximité. "
             "Une fontaine éviterait aussi les bouteilles en plastique."),
            (1, "Des passages piétons plus visibles près des écoles",
             "Repeindre les passages, ajouter un éclairage dédié et des panneaux lumineux aux "
             "abords des trois écoles primaires pour ralentir les voitures."),
            (3, "Transformer le parking de la rue de Paris en square",
             "Ce parking est à moitié vide en semaine. Un square avec jeux pour enfants et pelouse "
             "apporterait de la fraîcheur à un quartier très dense."),
            (2, "Des bancs connectés pour recharger son téléphone",
             "Quelques bancs équipés de prises USB alimentées par panneau solaire, pratiques pour "
             "les touristes et les personnes en situation de précarité."),
            (0, "Un terrain de pétanque ombragé aux Mailles",
             "Les habitants du quartier jouent sur le parking faute de mieux. Un terrain bordé "
             "d'arbres avec deux bancs ferait un vrai lieu de rencontre entre générations."),
            (1, "Une zone de rencontre dans la rue piétonne",
             "Limiter la vitesse à 20 km/h et donner la priorité aux piétons dans les rues commerçantes "
             "de la bastide, comme cela se fait à Agen."),
        ],
    },
    {
        "territory": "villeneuve-sur-lot",
        "title": {"fr": "Réaménager les quais du Lot", "en": "Redesigning the Lot riverbanks"},
        "summary": {"fr": "Votez pour les aménagements qui feront des quais un lieu de promenade et de vie.",
                    "en": "Vote for the improvements that will turn the riverbanks into a place to walk and meet."},
        "description": {
            "fr": "Les quais vont être entièrement rénovés l’an prochain. Après la phase de propositions, "
                  "**votez pour, contre, ou abstenez-vous** sur chacune des idées retenues.\n\n"
                  "Vous disposez de 5 votes. Les résultats guideront le cahier des charges de l'architecte.",
            "en": "The riverbanks will be fully renovated next year. After the proposals phase, "
                  "**vote for, against or abstain** on each of the ideas kept.\n\n"
                  "You have 5 votes. The results will shape the architect's brief.",
        },
        "themes": ["public_space", "environment", "mobility"],
        "categories": [("Promenade", "Walking"), ("Loisirs", "Leisure"), ("Circulation", "Traffic")],
        "phases": [("information", -70, -55), ("proposals", -55, -15), ("vote", -15, 12), ("results", 12, 60)],
        "settings": {"vote_mode": "for_against", "max_votes": 5, "support_threshold": 0},
        "news": [
            (-20, {"fr": "Balade sur les quais avec l'architecte", "en": "A walk along the riverbanks with the architect"},
             {"fr": "Samedi prochain **à 10 h**, départ du pont Vieux : l'architecte présente l'état des quais "
                    "et répond à vos questions. Entrée libre.",
              "en": "Next Saturday **at 10 am**, from the Old Bridge: the architect shows the riverbanks as "
                    "they are and answers your questions. All welcome."}),
            (-10, {"fr": "Le vote est ouvert", "en": "The vote is open"},
             {"fr": "Les idées retenues sont soumises au vote. Vous disposez de 5 votes : pour, contre ou "
                    "abstention.", "en": "The ideas kept are put to the vote. You have 5 votes: for, against "
                    "or abstain."}),
            # Scheduled: seen in the back office until then
            (13, {"fr": "Les résultats du vote présentés en réunion publique",
                  "en": "The results of the vote presented at a public meeting"},
             {"fr": "Rendez-vous **salle des fêtes à 18 h 30** : l'architecte présente les idées retenues et "
                    "le calendrier des travaux.",
              "en": "Come to the **village hall at 6.30 pm**: the architect presents the ideas kept and the "
                    "timetable of the works."}),
        ],
        "votes": 45, "comments": 12,
        "proposals": [
            (0, "Un ponton pour descendre au bord de l'eau",
             "Aujourd'hui on voit la rivière mais on ne peut pas s'en approcher. Un ponton en bois "
             "avec des marches permettrait de s'asseoir au ras de l'eau."),
            (1, "Une guinguette saisonnière sous les platanes",
             "De mai à septembre, une buvette avec quelques tables et des concerts le week-end. "
             "Cela animerait les quais et attirerait les promeneurs le soir."),
            (2, "Rendre les quais piétons le dimanche",
             "Fermer les quais à la circulation automobile chaque dimanche, de 10 h à 19 h, pour "
             "laisser la place aux familles, aux vélos et aux rollers."),
            (0, "Des panneaux sur l'histoire de la bastide et du Lot",
             "Quelques panneaux illustrés racontant le port fluvial, les gabarres et le pont "
             "de la Libération, en français et en occitan."),
            (1, "Un parcours sportif le long de la rivière",
             "Des agrès de musculation et d'étirement répartis sur un kilomètre, utilisables "
             "gratuitement par tous les âges."),
            (2, "Supprimer le stationnement sur le quai d'Aquitaine",
             "Les voitures garées masquent la vue sur le Lot. Le parking de la gare est à 300 mètres : "
             "on pourrait libérer tout le quai pour les piétons."),
            (0, "Planter des arbres là où il n'y en a pas",
             "Le quai nord est en plein soleil. Une rangée d'arbres d'essences locales offrirait "
             "de l'ombre et protégerait la berge de l'érosion."),
            (1, "Une aire de jeux sur le thème de la rivière",
             "Des jeux en bois inspirés des bateaux et des poissons du Lot, pour les enfants de "
             "3 à 10 ans, clôturée côté route."),
            (0, "Des bancs tournés vers la rivière",
             "Tous les bancs actuels regardent la route. Il suffirait de les retourner et d'en "
             "ajouter quelques-uns pour profiter du paysage."),
            (2, "Une passerelle cyclable entre les deux rives",
             "Le pont actuel est étroit et dangereux à vélo. Une passerelle légère réservée aux "
             "piétons et aux cyclistes relierait les deux quartiers."),
            (1, "Un marché nocturne l'été sur les quais",
             "Un soir par semaine en juillet et août, un marché de producteurs et d'artisans avec "
             "des tables pour manger sur place."),
            (0, "Un éclairage doux qui respecte la faune",
             "Un éclairage orienté vers le sol, de couleur ambrée, qui met en valeur les quais sans "
             "gêner les chauves-souris et les oiseaux de la ripisylve."),
            (1, "Louer des canoës au départ des quais",
             "Une base de location de canoës et de paddles permettrait de découvrir la ville "
             "depuis la rivière, comme à Fumel."),
            (2, "Des navettes fluviales entre le centre et Pujols",
             "Un bateau électrique l'été pour rejoindre Pujols, en complément du bus, qui "
             "ferait aussi une belle attraction touristique."),
            (0, "Des toilettes et un point d'eau près du pont",
             "Indispensables si l'on veut que les familles restent toute la journée sur les quais."),
            (1, "Un espace pour les concerts en plein air",
             "Une petite scène démontable et une pelouse en pente douce, pour accueillir la fête "
             "de la musique et les associations locales."),
        ],
    },
    {
        "territory": "grand-lyon",
        "title": {"fr": "Plan vélo métropolitain : où circuler demain ?",
                  "en": "Metropolitan cycling plan: where will we ride tomorrow?"},
        "summary": {"fr": "Les résultats sont connus : découvrez les itinéraires retenus et les réponses de la Métropole.",
                    "en": "The results are in: see the routes chosen and the Métropole's answers."},
        "description": {
            "fr": "La Métropole prépare son plan vélo 2026-2032. Vous avez proposé des itinéraires et des "
                  "services, puis soutenu ceux qui vous semblaient prioritaires.\n\n"
                  "Chaque proposition soutenue reçoit une **réponse officielle** de la Métropole.",
            "en": "The Métropole is preparing its 2026–2032 cycling plan. You proposed routes and services, "
                  "then supported those you found most urgent.\n\n"
                  "Every supported proposal receives an **official answer** from the Métropole.",
        },
        "themes": ["mobility", "environment", "health"],
        "categories": [("Itinéraires", "Routes"), ("Stationnement", "Parking"), ("Services", "Services")],
        "phases": [("information", -110, -95), ("proposals", -95, -55), ("vote", -55, -20), ("results", -20, None)],
        "settings": {"vote_mode": "support", "max_votes": 0, "support_threshold": 6},
        "votes": 110, "comments": 10,
        "news": [
            (-15, {"fr": "Les résultats présentés au conseil métropolitain",
                   "en": "The results presented to the metropolitan council"},
             {"fr": "Le conseil a adopté le plan vélo, avec les propositions qui ont passé le seuil. "
                    "Chacune a reçu une réponse officielle.",
              "en": "The council adopted the cycling plan, with the proposals over the threshold. "
                    "Each has received an official answer."}),
        ],
        # (title, the lines of a one-page PDF)
        "documents": [
            ({"fr": "Délibération du conseil métropolitain : plan vélo 2026-2032",
              "en": "Metropolitan council decision: cycling plan 2026–2032 (in French)"},
             ["Le conseil métropolitain adopte le plan vélo 2026-2032.",
              "Itinéraires retenus : voie lyonnaise Vaulx-en-Velin – Part-Dieu (travaux en 2027).",
              "Budget : 120 millions d'euros sur six ans."]),
        ],
        # (proposal, state, text[, the document it rests on])
        "answers": [
            (0, "accepted", "Cet itinéraire est inscrit au plan vélo : les travaux commenceront en 2027.", 0),
            (1, "in_progress", "Une étude est en cours avec les communes concernées ; résultats au printemps."),
            (4, "not_retained", "Le pont relève de l'État ; la Métropole a transmis la demande à la préfecture."),
            (3, "implemented", "200 arceaux ont été posés autour de la gare Part-Dieu en septembre."),
        ],
        "proposals": [
            (0, "Une voie lyonnaise continue entre Vaulx-en-Velin et la Part-Dieu",
             "Aujourd'hui l'itinéraire est coupé à plusieurs endroits et oblige à rouler sur des "
             "boulevards très chargés. Une voie continue et séparée changerait la vie des habitants de l'est."),
            (0, "Sécuriser le carrefour de la place Jean-Macé",
             "Ce carrefour est un point noir pour les cyclistes : des sas vélo, des feux décalés et "
             "une meilleure visibilité éviteraient bien des accidents."),
            (1, "Des abris vélos sécurisés dans les gares TER",
             "Des consignes fermées, accessibles avec la carte TCL, dans toutes les gares de la "
             "Métropole, pour combiner train et vélo sans craindre le vol."),
            (1, "Plus d'arceaux autour de la gare Part-Dieu",
             "Les vélos sont attachés aux grilles et aux poteaux faute de place. Il faut au moins "
             "doubler le nombre d'arceaux autour de la gare."),
            (0, "Une piste cyclable sur le pont Pasteur",
             "Le pont est incontournable pour traverser le Rhône au sud et il n'offre aucun "
             "aménagement cyclable ; on y roule au milieu des camions."),
            (2, "Des ateliers d'apprentissage du vélo pour adultes",
             "Beaucoup d'adultes n'ont jamais appris à faire du vélo ou n'osent pas circuler en "
             "ville. Des cours gratuits dans chaque arrondissement les aideraient à se lancer."),
            (2, "Des stations de gonflage et de petite réparation",
             "Des bornes en libre-service avec pompe et outils de base, le long des grands itinéraires."),
            (0, "Relier les Monts d'Or au centre par une voie verte",
             "Les habitants des communes de l'ouest sont nombreux à vouloir venir travailler à vélo, "
             "mais les routes sont étroites et sinueuses. Une voie verte le long de la Saône serait idéale."),
            (1, "Des places vélo-cargo devant les écoles",
             "Les familles qui emmènent leurs enfants en vélo-cargo ne savent pas où le garer. "
             "Quelques emplacements larges devant chaque école suffiraient."),
            (2, "Une aide à l'achat d'un vélo électrique d'occasion",
             "La prime existe pour les vélos neufs. L'étendre aux vélos d'occasion révisés par "
             "des ateliers solidaires serait plus juste et plus écologique."),
            (0, "Des rues scolaires fermées aux voitures aux heures d'entrée",
             "Fermer la rue devant les écoles un quart d'heure matin et soir pour que les enfants "
             "arrivent à pied et à vélo en sécurité."),
            (2, "Un jalonnement clair des itinéraires cyclables",
             "Des panneaux indiquant les destinations et les temps de trajet à vélo, comme pour "
             "les voitures, pour encourager celles et ceux qui ne connaissent pas les itinéraires."),
            (0, "Déneiger et nettoyer en priorité les pistes cyclables",
             "Feuilles mortes, verre et neige rendent les pistes impraticables plusieurs semaines "
             "par an. Il faut les inclure dans les tournées de nettoyage prioritaires."),
            (1, "Des box vélos dans les quartiers d'habitat ancien",
             "Dans la Croix-Rousse, les immeubles n'ont pas de local vélo. Des box sécurisés sur "
             "une place de stationnement voiture permettraient de garer six vélos."),
            (2, "Prêter des vélos aux demandeurs d'emploi",
             "Un prêt gratuit de trois mois pour se rendre aux entretiens et prendre un nouveau "
             "poste, en lien avec France Travail."),
            (0, "Un double-sens cyclable dans toutes les rues à 30 km/h",
             "Généraliser le double-sens cyclable dans les zones 30 éviterait de longs détours "
             "et rendrait les trajets plus directs et plus sûrs."),
        ],
    },
    {
        "territory": "grand-lyon",
        "title": {"fr": "Manger local dans les cantines de la Métropole",
                  "en": "Local food in the Métropole's school canteens"},
        "summary": {"fr": "Découvrez le projet avant l'ouverture des propositions : comment mieux nourrir 50 000 collégiens ?",
                    "en": "Learn about the project before proposals open: how can we feed 50,000 pupils better?"},
        "description": {
            "fr": "Les collèges de la Métropole servent chaque jour 50 000 repas. L'objectif : "
                  "**60 % de produits locaux et 30 % de bio** d'ici 2028.\n\n"
                  "Pendant la phase d'information, consultez le dossier de concertation ci-dessous, et suivez "
                  "la consultation pour être prévenu de l'ouverture des propositions.",
            "en": "The Métropole's secondary schools serve 50,000 meals a day. The goal: "
                  "**60% local produce and 30% organic** by 2028.\n\n"
                  "During the information phase, read the consultation file below, and follow the "
                  "consultation to hear when proposals open.",
        },
        "themes": ["agriculture_food", "health", "education"],
        "categories": [("Approvisionnement", "Supply"), ("Menus", "Menus"), ("Gaspillage", "Food waste")],
        "phases": [("information", -5, 10), ("proposals", 10, 40), ("vote", 40, 60), ("results", 60, 120)],
        "settings": {"vote_mode": "support", "max_votes": 3, "support_threshold": 0},
        # (title, the lines of a one-page PDF)
        "documents": [
            ({"fr": "Dossier de concertation", "en": "Consultation file (in French)"},
             ["Les collèges de la Métropole servent chaque jour 50 000 repas.",
              "Objectif 2028 : 60 % de produits locaux, 30 % de produits bio.",
              "Aujourd'hui : 38 % de produits locaux, 21 % de bio.",
              "Calendrier : propositions dans 10 jours, vote ensuite, résultats en fin d'année."]),
        ],
        "proposals": [],
    },
    {
        "territory": "villeneuve-sur-lot",
        "title": {"fr": "Un nouveau nom pour la médiathèque", "en": "A new name for the media library"},
        "summary": {"fr": "Bientôt : proposez puis choisissez le nom de la future médiathèque.",
                    "en": "Coming soon: suggest, then choose the name of the future media library."},
        "description": {
            "fr": "La médiathèque rénovée rouvrira en septembre. Elle mérite un nom choisi par ses lecteurs !\n\n"
                  "Les propositions ouvriront dans quelques jours : pensez à une personnalité, un lieu "
                  "ou une idée liés à Villeneuve.",
            "en": "The renovated media library reopens in September. It deserves a name chosen by its readers!\n\n"
                  "Proposals open in a few days: think of a person, a place or an idea linked to Villeneuve.",
        },
        "themes": ["culture"],
        "categories": [("Personnalité", "Person"), ("Lieu", "Place"), ("Autre idée", "Other idea")],
        "phases": [("proposals", 12, 40), ("vote", 40, 55), ("results", 55, 90)],
        "settings": {"vote_mode": "support", "max_votes": 1, "max_proposals_per_person": 1},
        "proposals": [],
    },
    {
        "territory": "grand-lyon",
        "title": {"fr": "Rénovation énergétique des logements anciens",
                  "en": "Energy renovation of older homes"},
        "summary": {"fr": "Comment aider les propriétaires et les copropriétés à rénover ? (en préparation)",
                    "en": "How can we help owners and co-ownerships to renovate? (in preparation)"},
        "description": {
            "fr": "Brouillon en cours de rédaction par le service énergie de la Métropole.",
            "en": "Draft being written by the Métropole's energy department.",
        },
        "themes": ["energy", "housing"],
        "categories": [("Copropriétés", "Co-ownerships"), ("Maisons individuelles", "Houses")],
        "phases": [("information", 30, 45), ("proposals", 45, 90)],
        "settings": {},
        "status": "draft",
        "proposals": [],
    },
]

COMMENTS = [
    ("for", "Excellente idée, je soutiens complètement."),
    ("for", "Oui ! Cela manque vraiment, surtout pour les enfants et les personnes âgées."),
    ("against", "Je ne suis pas convaincu : le coût d'entretien risque d'être élevé pour la commune."),
    ("neutral", "Avez-vous une idée du budget nécessaire ? Cela aiderait à se faire un avis."),
    ("for", "On l'a fait dans ma ville précédente et ça a très bien marché."),
    ("against", "Il y a d'autres priorités à mon avis, comme l'entretien de l'existant."),
    (None, "Je passe tous les jours à cet endroit, je confirme que c'est un vrai besoin."),
    ("neutral", "Pourquoi pas, mais il faudrait consulter les riverains avant."),
]

REPLIES = [
    (None, "Bonne question : d'après la mairie, ce type de projet coûte entre 10 000 et 20 000 €."),
    ("for", "Je suis d'accord avec vous, c'est une question de sécurité avant tout."),
    ("against", "L'entretien pourrait être confié à une association, ce qui limiterait le coût."),
    (None, "Merci pour ces précisions, cela me rassure."),
]
