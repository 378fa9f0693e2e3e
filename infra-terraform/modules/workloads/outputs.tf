output "namespace" {
  description = "The namespace the app runs in."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "http_service" {
  description = "The in-cluster DNS name of the app's HTTP Service."
  value       = "${kubernetes_service_v1.http.metadata[0].name}.${kubernetes_namespace_v1.this.metadata[0].name}.svc.cluster.local"
}

output "helm_releases" {
  description = "Installed Helm releases: namespace/name => chart version."
  value       = { for key, release in helm_release.this : key => release.version }
}
