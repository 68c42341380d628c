{{/* The release's name for its objects: fullnameOverride, else the release name (when it already says gavel), else release-chart. */}}
{{- define "gavel.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "gavel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gavel.labels" -}}
{{ include "gavel.selector" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "gavel.selector" -}}
app.kubernetes.io/name: {{ include "gavel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "gavel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "gavel.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "gavel.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Where each Secret's key is mounted (read-only, mode 0400); the configuration points at these files. */}}
{{- define "gavel.jwtFile" -}}/secrets/jwt/jwt.hex{{- end -}}
{{- define "gavel.auctionKeyFile" -}}/secrets/auction-key/auction-key.hex{{- end -}}
{{- define "gavel.databasePasswordFile" -}}/secrets/database/password{{- end -}}
{{- define "gavel.settlerKeyFile" -}}/secrets/settler/settler.key{{- end -}}
{{- define "gavel.sequencerKeyFile" -}}/secrets/sequencer/sequencer.key{{- end -}}
{{- define "gavel.attestationDir" -}}/etc/gavel/attestation{{- end -}}

{{/* "true" when the chart runs an active/standby pair (replicaCount 2), else "false". */}}
{{- define "gavel.pair" -}}
{{- gt (int .Values.replicaCount) 1 -}}
{{- end }}
