/** Usage texts, in French like every message of the command line. */

export const PROGRAM_HELP = `logigramme — vérifier et appliquer un référentiel professionnel de branche (pénibilité)

Usage : logigramme <commande> [arguments] [options]

Commandes :
  validate <référentiel.json>…   vérifie un référentiel et résume son identité
  hash <référentiel.json>        calcule l’empreinte du contenu (sha256:…) et la compare à celle déclarée
  test <référentiel.json>        rejoue les scénarios de référence enregistrés dans le référentiel
  evaluate <référentiel.json>    évalue l’exposition du personnel d’une entreprise (fichier CSV)
  help <commande>                affiche l’aide d’une commande

Options :
  -h, --help       affiche cette aide ; « logigramme <commande> --help » pour une commande
  -v, --version    affiche la version

Exemple :
  logigramme evaluate referentials/exemple-atelier.json \\
    --answers examples/entreprise-exemple.json --staff examples/salaries-exemple.csv --year 2024

Codes de sortie : 0 succès ; 1 fichier illisible ou invalide, salarié en erreur ou scénario en échec ;
2 mauvaise utilisation (commande ou option inconnue, argument manquant, valeur d’option invalide).`;

export const VALIDATE_HELP = `Usage : logigramme validate <référentiel.json>…

Vérifie un ou plusieurs référentiels : format, références entre éléments, unités, boucles dans les
arbres de décision, empreinte déclarée. Affiche « valide » et un résumé de l’identité, ou chaque
problème sous la forme « <fichier> <chemin JSON> : <message> » sur la sortie d’erreur.

Options :
  -h, --help   affiche cette aide

Exemple :
  logigramme validate referentials/exemple-atelier.json

Codes de sortie : 0 tous valides ; 1 un fichier illisible ou invalide ; 2 mauvaise utilisation.`;

export const HASH_HELP = `Usage : logigramme hash <référentiel.json>

Calcule l’empreinte du contenu du référentiel (SHA-256 de sa forme JSON canonique, sans le champ
contentHash) et l’affiche sur la première ligne, sous la forme sha256:… ; la ligne suivante dit si
l’empreinte déclarée dans le fichier (contentHash) correspond.

Options :
  -h, --help   affiche cette aide

Exemple :
  logigramme hash referentials/exemple-atelier.json

Codes de sortie : 0 empreinte calculée (et identique à celle déclarée, s’il y en a une) ;
1 fichier illisible ou invalide, ou empreinte déclarée différente ; 2 mauvaise utilisation.`;

export const TEST_HELP = `Usage : logigramme test <référentiel.json>

Rejoue les scénarios de référence du référentiel (cas types dont la branche a fixé le résultat
attendu) : une ligne par scénario, ✓ réussi ou ✗ échoué avec, pour chaque écart, le facteur, le
résultat attendu et le résultat obtenu (ou l’erreur d’évaluation), puis le bilan.

Options :
  -h, --help   affiche cette aide

Exemple :
  logigramme test referentials/exemple-atelier.json

Codes de sortie : 0 tous les scénarios réussis ; 1 référentiel invalide ou scénario en échec ;
2 mauvaise utilisation.`;

export const EVALUATE_HELP = `Usage : logigramme evaluate <référentiel.json> --answers <entreprise.json> --staff <salariés.csv> [options]

Applique le référentiel au personnel d’une entreprise pour une année civile : pour chaque salarié,
le verdict par facteur de risques, les points du compte professionnel de prévention et les codes à
déclarer en DSN ; puis les totaux de l’entreprise. Les salariés en erreur sont signalés (avec leur
ligne dans le fichier CSV) sans empêcher l’évaluation des autres.

Options :
  --answers <fichier.json>    réponses de l’entreprise aux critères et mesures de prévention en place (obligatoire)
  --staff <fichier.csv>       personnel : une ligne par salarié, séparateur « , » ou « ; » (obligatoire)
  --year <AAAA>               année d’exposition évaluée (par défaut : l’année civile en cours)
  --regulation <id|date>      impose une version réglementaire (ex. 2017-10-01) ou celle en vigueur à une date
  --format <table|json|csv>   table lisible (par défaut), JSON complet, ou CSV (une ligne par salarié et facteur)
  --trace                     détaille le calcul de chaque contribution (tâche, situation, règle de trois)
  -h, --help                  affiche cette aide

Fichier du personnel (CSV) — colonnes :
  id              identifiant du salarié, unique dans le fichier (obligatoire)
  annual_hours    durée annuelle de travail sur une année complète : 1607 à temps plein, 803,5 à mi-temps (obligatoire)
  contract_start  début du contrat AAAA-MM-JJ (vide : commencé avant l’année)
  contract_end    fin du contrat AAAA-MM-JJ (vide : sans fin prévue)
  contract_ref    numéro du contrat pour la DSN
  birth_year      année de naissance AAAA, ou date AAAA-MM-JJ (indispensable pour les personnes nées en 1956) (obligatoire)
  jobs            postes et parts du temps en % : mecanicien:60|agent-nuit:40, ou un seul poste : mecanicien (obligatoire)
  tasks           parts des tâches d’un poste : moteurs-thermiques:30|carrosserie:70 (sinon pondérations du référentiel)
  q:<critère>     réponse à un critère individuel du référentiel : oui/non, identifiant ou libellé du choix, nombre

Exemples :
  logigramme evaluate referentials/exemple-atelier.json --answers examples/entreprise-exemple.json \\
    --staff examples/salaries-exemple.csv --year 2024
  logigramme evaluate referentials/exemple-atelier.json --answers examples/entreprise-exemple.json \\
    --staff examples/salaries-exemple.csv --year 2024 --format csv > expositions-2024.csv

Codes de sortie : 0 tous les salariés évalués ; 1 fichier illisible ou invalide, ou salarié en erreur ;
2 mauvaise utilisation.`;
